/// Which shapes the EVerest face publishes (README, "EVerest API face").
public enum EverestAPIFlavor: String, Hashable, Sendable, CaseIterable, Codable {
    /// The API module README's shapes (the default): nlohmann-style JSON with sorted keys
    /// everywhere, telemetry with `relais_on` and `rcd_current`, shortest round-trip numbers,
    /// a numeric powermeter timestamp, and no `hardware_capabilities` message until the
    /// capabilities are known.
    case documented
    /// What the real module (2025.3 → 2026.08) emits (everest-core `API.cpp`, `limit_decimal_places.cpp`): sorted
    /// keys in `session_info` with C++ floats widened to double, rapidyaml payloads in
    /// insertion order with fixed decimals, the telemetry `phase_seq_error` key bug, an empty
    /// `hardware_capabilities` message before the first capabilities.
    case everest2026 = "everest-2026"
}
