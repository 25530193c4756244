import SimCore

/// When a step runs (its `at`).
public enum StepTiming: Hashable, Sendable {
    /// No `at`: right after the previous step has finished (a wait finishes when its
    /// condition holds).
    case afterPrevious
    /// `"at": "10s"`: at this offset from the start of the run.
    case fromStart(SimDuration)
    /// `"at": "+1h"`: this long after the previous step's time.
    case afterPreviousBy(SimDuration)
}

/// When the run ends (`until`).
public enum ScenarioEnd: Hashable, Sendable {
    /// `"until": "3h"`: at this offset from the start.
    case fromStart(SimDuration)
    /// `"until": "+30m"`: this long after the last step's time.
    case afterLastStep(SimDuration)
}
