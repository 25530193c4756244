import JSON

/// One step of a scenario, with when it runs and where it was written.
public struct ScenarioStep: Hashable, Sendable {
    /// What the step does.
    public enum Kind: Hashable, Sendable {
        /// `{"do": …}`: act on the world, the vehicle or the station.
        case action(ScenarioAction)
        /// `{"wait": "<condition>", "timeout": …}`.
        case wait(WaitStep)
        /// `{"expect": {"<key>": …}}`: check the station's state now.
        case expectState([StateExpectation])
        /// `{"never": "<condition>", "for": …}`: the condition must stay false.
        case never(InvariantStep)
        /// `{"always": "<condition>", "for": …}`: the condition must stay true.
        case always(InvariantStep)
        /// `{"rapi": "$GS", "expect": …}`: a line into the RAPI face.
        case rapi(RAPIStep)
        /// `{"mqtt": {"topic": …, "payload": …}}`: a command into the EVerest face.
        case mqttPublish(MQTTPublish)
        /// `{"expect": {"mqtt": …}}`: a publication the EVerest face must make.
        case expectMQTT(MQTTExpectation)
        /// `{"system": {"request": …}}`: a request into the system API face.
        case system(SystemRequestStep)
        /// `{"expect": {"system": …}}`: the status messages the system API face must publish.
        case expectSystem(SystemStatusExpectation)
        /// `{"ocpp": {…}}`: the scenario plays the CSMS.
        case ocpp(OCPPStep)
        /// `{"expect": {"ocpp": …}}`: a call the charge point must send.
        case expectOCPP(OCPPExpectation)

        /// Whether the step is an OCPP expectation.
        public var isOCPPExpectation: Bool {
            if case .expectOCPP = self { return true }
            return false
        }

        /// Whether the step could make the station upload its log: a system request, an MQTT
        /// command (which may name a system topic) or a CSMS call (`GetDiagnostics`).
        public var mayRequestLogUpload: Bool {
            switch self {
            case .system, .mqttPublish, .ocpp: true
            default: false
            }
        }

        /// Whether the step needs the OCPP face.
        public var isOCPP: Bool {
            switch self {
            case .ocpp, .expectOCPP: true
            default: false
            }
        }
    }

    /// What the step does.
    public var kind: Kind
    /// When it runs.
    public var timing: StepTiming
    /// The author's name for the step, for verdicts.
    public var label: String?
    /// Where the step is in the document, e.g. `$.steps[3]`, for verdict messages.
    public var path: JSONPath
    /// Where the step's `{` is.
    public var location: SourceLocation?

    /// Creates a step.
    public init(
        kind: Kind, timing: StepTiming = .afterPrevious, label: String? = nil, path: JSONPath = .root,
        location: SourceLocation? = nil
    ) {
        self.kind = kind
        self.timing = timing
        self.label = label
        self.path = path
        self.location = location
    }
}
