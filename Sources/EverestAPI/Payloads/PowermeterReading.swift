import SimCore

/// A `powermeter` message of the EVSE's billing meter.
public struct PowermeterReading: Hashable, Sendable {
    /// A total with optional per-phase values (energy, power, reactive power).
    public struct Totals: Hashable, Sendable {
        /// The sum over phases.
        public var total: Double
        /// Phase L1.
        public var l1: Double?
        /// Phase L2.
        public var l2: Double?
        /// Phase L3.
        public var l3: Double?

        /// Creates the values.
        public init(total: Double, l1: Double? = nil, l2: Double? = nil, l3: Double? = nil) {
            self.total = total
            self.l1 = l1
            self.l2 = l2
            self.l3 = l3
        }
    }

    /// DC and per-phase values, and for currents the neutral.
    public struct Lines: Hashable, Sendable {
        /// The DC value.
        public var dc: Double?
        /// Phase L1.
        public var l1: Double?
        /// Phase L2.
        public var l2: Double?
        /// Phase L3.
        public var l3: Double?
        /// Neutral (currents only).
        public var n: Double?

        /// Creates the values.
        public init(dc: Double? = nil, l1: Double? = nil, l2: Double? = nil, l3: Double? = nil, n: Double? = nil) {
            self.dc = dc
            self.l1 = l1
            self.l2 = l2
            self.l3 = l3
            self.n = n
        }
    }

    /// Per-phase frequency (L1 required).
    public struct Frequencies: Hashable, Sendable {
        /// Phase L1.
        public var l1: Double
        /// Phase L2.
        public var l2: Double?
        /// Phase L3.
        public var l3: Double?

        /// Creates the values.
        public init(l1: Double, l2: Double? = nil, l3: Double? = nil) {
            self.l1 = l1
            self.l2 = l2
            self.l3 = l3
        }
    }

    /// When the meter took the reading.
    public var timestamp: SimInstant
    /// The meter id (YetiSimulator: `YETI_POWERMETER`).
    public var meterID: String?
    /// Whether the meter sees a wrong phase sequence.
    public var phaseSeqError: Bool?
    /// Imported energy, Wh (always present).
    public var energyWhImport: Totals
    /// Exported energy, Wh.
    public var energyWhExport: Totals?
    /// Active power, W.
    public var powerW: Totals?
    /// Voltages, V.
    public var voltageV: Lines?
    /// Reactive power, var.
    public var reactivePowerVAR: Totals?
    /// Currents, A (with the neutral).
    public var currentA: Lines?
    /// Grid frequency, Hz.
    public var frequencyHz: Frequencies?

    /// Creates a reading.
    public init(
        timestamp: SimInstant, meterID: String? = nil, phaseSeqError: Bool? = nil, energyWhImport: Totals,
        energyWhExport: Totals? = nil, powerW: Totals? = nil, voltageV: Lines? = nil,
        reactivePowerVAR: Totals? = nil, currentA: Lines? = nil, frequencyHz: Frequencies? = nil
    ) {
        self.timestamp = timestamp
        self.meterID = meterID
        self.phaseSeqError = phaseSeqError
        self.energyWhImport = energyWhImport
        self.energyWhExport = energyWhExport
        self.powerW = powerW
        self.voltageV = voltageV
        self.reactivePowerVAR = reactivePowerVAR
        self.currentA = currentA
        self.frequencyHz = frequencyHz
    }
}
