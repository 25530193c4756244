/// Which shapes the EVerest face publishes (README, "EVerest API face").
public enum EverestAPIFlavor: String, Hashable, Sendable, CaseIterable, Codable {
    /// What the real module (2025.3 → 2026.08) emits, and so what a client will meet in
    /// production (the default; everest-core `API.cpp`, `limit_decimal_places.cpp`): sorted keys
    /// in `session_info` with C++ floats widened to double, rapidyaml payloads in insertion order
    /// with fixed decimals, the telemetry `phase_seq_error` key bug, an empty
    /// `hardware_capabilities` message before the first capabilities.
    case everest
    /// The API module README's shapes, for clients written from the documentation:
    /// nlohmann-style JSON with sorted keys everywhere, telemetry with `relais_on` and
    /// `rcd_current`, shortest round-trip numbers, a numeric powermeter timestamp, the README's
    /// `last_enable_disable_source`, and no `hardware_capabilities` message until the
    /// capabilities are known. No current EVerest publishes these shapes.
    case documented

    /// The name this flavour had before it became the default; `--flavor everest-2026` still
    /// selects it.
    public static let everest2026 = EverestAPIFlavor.everest

    /// The flavour for a name: a case's raw value, or the alias `everest-2026`.
    public init?(name: String) {
        if name == "everest-2026" {
            self = .everest
        } else {
            self.init(rawValue: name)
        }
    }
}
