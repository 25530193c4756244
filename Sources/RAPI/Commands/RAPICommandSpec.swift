import EVSEModel

/// One command of the RAPI reference (open_evse `rapi_proc.h`): its forms and where it exists.
public struct RAPICommandSpec: Hashable, Sendable {
    /// The command code, e.g. `SC`.
    public var code: RAPICommandCode
    /// The argument forms as the reference writes them (`amps [V|M|x]`); empty when none.
    public var arguments: String
    /// The reply forms, without checksum (`$OK <a>` / `$NK <a>`).
    public var reply: String
    /// What the command does, in a few words.
    public var summary: String
    /// Quirks, limits and per-build differences worth knowing.
    public var notes: String

    private var availabilityUS: RAPIAvailability
    private var availabilityEU: RAPIAvailability
    private var availabilityD9: RAPIAvailability

    /// A command entry with its availability in each firmware build.
    public init(
        _ code: RAPICommandCode,
        arguments: String = "",
        reply: String,
        summary: String,
        us: RAPIAvailability,
        eu: RAPIAvailability,
        d9: RAPIAvailability,
        notes: String = ""
    ) {
        self.code = code
        self.arguments = arguments
        self.reply = reply
        self.summary = summary
        self.notes = notes
        self.availabilityUS = us
        self.availabilityEU = eu
        self.availabilityD9 = d9
    }

    /// Whether `firmware` answers this command, or `$NK`s it.
    public func availability(in firmware: RAPIFirmware) -> RAPIAvailability {
        switch firmware {
        case .openEVSE823US: availabilityUS
        case .openEVSE823EU: availabilityEU
        case .d9940: availabilityD9
        }
    }
}
