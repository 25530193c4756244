import EVSEModel

/// The last payload of each slow-moving topic with the reading it was encoded from, so a second
/// in which `connectors`, `hardware_capabilities`, `limits`, `telemetry` or `active_errors` did
/// not change costs a comparison instead of an encoding. A face's encoder never changes, so
/// the reading alone decides the bytes; the cached array is shared, not copied.
struct EverestPayloadCache: Sendable {
    /// One topic's last reading and payload.
    struct Slot<Reading: Equatable & Sendable>: Sendable {
        var reading: Reading?
        var payload: [UInt8]?

        /// The payload for `reading`: the cached one if the reading is unchanged (and caching
        /// is on), otherwise `encode(reading)`, remembered. Nil when `encode` gives nil.
        mutating func payload(for reading: Reading, cached: Bool, encode: (Reading) -> [UInt8]?) -> [UInt8]? {
            if cached, let last = self.reading, last == reading { return payload }
            let fresh = encode(reading)
            if cached {
                self.reading = reading
                payload = fresh
            }
            return fresh
        }
    }

    /// Off, every payload is encoded every time (the reference the cache is tested against).
    var isEnabled = true

    var connectors = Slot<[String]>()
    var capabilities = Slot<HardwareCapabilities>()
    var limits = Slot<LimitsReading>()
    var telemetry = Slot<TelemetryReading>()
    var errors = Slot<[EverestError]>()
}
