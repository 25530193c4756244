import SimCore

@testable import Live
@testable import Transport

/// A tiny real simulation for driving the live loop: a counter that ticks every `period` on a
/// SimCore event queue, runs scheduled actions, and records the input it is given and when.
final class DemoCounter: LiveSimulation {
    private enum Event {
        case tick
        case action(() -> Void)
    }

    private(set) var now: SimInstant = .zero
    private var queue = EventQueue<Event>()
    let period: SimDuration
    private(set) var ticks: [SimInstant] = []
    private(set) var inputs: [(at: SimInstant, text: String)] = []
    /// Called on every tick, after it was counted.
    var onTick: ((SimInstant) -> Void)?

    init(period: SimDuration) {
        self.period = period
        queue.schedule(.tick, at: .zero + period)
    }

    func nextEventTime() -> SimInstant? { queue.nextTime }

    func run(until t: SimInstant) {
        precondition(t >= now, "the loop must never move simulated time backwards")
        while let (time, _, event) = queue.popNext(notAfter: t) {
            now = time
            switch event {
            case .tick:
                ticks.append(time)
                queue.schedule(.tick, at: time + period)
                onTick?(time)
            case .action(let action):
                action()
            }
        }
        now = t
    }

    /// Runs `action` as an event at `t`.
    func schedule(at t: SimInstant, _ action: @escaping () -> Void) {
        queue.schedule(.action(action), at: t)
    }

    /// Applies an input at the current instant.
    func receive(_ text: String) { inputs.append((now, text)) }
}

extension SimInstant {
    static func seconds(_ s: Double) -> SimInstant { .zero + SimDuration(seconds: s) }
}
