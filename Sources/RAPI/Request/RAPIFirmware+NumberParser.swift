import EVSEModel

extension RAPIFirmware {
    /// How numeric arguments are read (reference/rapi.md §2.4).
    public var numberParser: RAPINumberParser {
        switch self {
        case .openEVSE823US, .openEVSE823EU: .unsigned
        case .d9940: .signed
        }
    }
}
