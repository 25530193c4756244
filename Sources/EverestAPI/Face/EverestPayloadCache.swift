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
            guard cached else { return encode(reading) }
            let fresh = encode(reading).map(Self.fitted)
            self.reading = reading
            payload = fresh
            return fresh
        }

        /// `bytes` in a buffer of their own size: a kept payload lives as long as its reading
        /// (in every station of a fleet), and encoders size their buffers for the largest case.
        static func fitted(_ bytes: [UInt8]) -> [UInt8] {
            guard bytes.capacity > bytes.count + 32 else { return bytes }
            return [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                count = buffer.initialize(fromContentsOf: bytes)
            }
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
