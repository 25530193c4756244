import EVSEModel

extension RAPIFirmware {
    /// How numeric arguments are read: unsigned on the 8.2.3 builds, signed on D9.
    public var numberParser: RAPINumberParser {
        switch self {
        case .openEVSE823US, .openEVSE823EU: .unsigned
        case .d9940: .signed
        }
    }
}
