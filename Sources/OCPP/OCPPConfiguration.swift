/// The charge point's configuration keys (OCPP 1.6 §9.1, Core profile), as GetConfiguration
/// reports and ChangeConfiguration changes them. Values are kept as the strings OCPP carries;
/// the face reads the numbers and flags it acts on through the typed accessors.
public struct OCPPConfiguration: Hashable, Sendable {
    /// One key.
    public struct Entry: Hashable, Sendable {
        /// The key.
        public var key: String
        /// Its value as OCPP carries it.
        public var value: String
        /// Whether ChangeConfiguration may not change it.
        public var readonly: Bool
        /// What a value must be.
        public var kind: Kind
    }

    /// What a key's value must be.
    public enum Kind: Hashable, Sendable {
        /// A non-negative integer.
        case integer
        /// `true` or `false`.
        case boolean
        /// A comma-separated list of measurands from ``OCPPMeasurand``.
        case measurands
        /// Any text.
        case text
    }

    /// The keys in the order GetConfiguration lists them.
    public private(set) var entries: [Entry]

    /// The defaults of a charge point with one connector, the Core profile and libocpp's
    /// example configuration (`config/v16/config.json`); `overrides` replace values (and are
    /// checked like ChangeConfiguration).
    public init(overrides: [String: String] = [:]) {
        func e(_ key: String, _ value: String, _ kind: Kind, readonly: Bool = false) -> Entry {
            Entry(key: key, value: value, readonly: readonly, kind: kind)
        }
        entries = [
            e("AllowOfflineTxForUnknownId", "false", .boolean),
            e("AuthorizationCacheEnabled", "true", .boolean),
            e("AuthorizeRemoteTxRequests", "false", .boolean),
            e("ClockAlignedDataInterval", "0", .integer),
            e("ConnectionTimeOut", "60", .integer),
            e("GetConfigurationMaxKeys", "100", .integer, readonly: true),
            e("HeartbeatInterval", "300", .integer),
            e("LocalAuthorizeOffline", "true", .boolean),
            e("LocalPreAuthorize", "false", .boolean),
            e("LocalAuthListEnabled", "true", .boolean),
            e("LocalAuthListMaxLength", "100", .integer, readonly: true),
            e("SendLocalListMaxLength", "100", .integer, readonly: true),
            e("MeterValuesAlignedData", "Energy.Active.Import.Register", .measurands),
            e(
                "MeterValuesSampledData",
                "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,Current.Offered,SoC,Temperature",
                .measurands),
            e("MeterValueSampleInterval", "60", .integer),
            e("NumberOfConnectors", "1", .integer, readonly: true),
            e("ResetRetries", "1", .integer),
            e("StopTransactionOnEVSideDisconnect", "true", .boolean),
            e("StopTransactionOnInvalidId", "true", .boolean),
            e("StopTxnAlignedData", "", .measurands),
            e("StopTxnAlignedDataMaxLength", "\(OCPPMeasurand.allCases.count)", .integer, readonly: true),
            e("StopTxnSampledData", "", .measurands),
            e("StopTxnSampledDataMaxLength", "\(OCPPMeasurand.allCases.count)", .integer, readonly: true),
            e(
                "SupportedFeatureProfiles",
                "Core,FirmwareManagement,LocalAuthListManagement,RemoteTrigger,Reservation,SmartCharging", .text,
                readonly: true),
            e("TransactionMessageAttempts", "3", .integer),
            e("TransactionMessageRetryInterval", "10", .integer),
            e("UnlockConnectorOnEVSideDisconnect", "true", .boolean),
            e("WebSocketPingInterval", "30", .integer),
            e("AuthorizationKey", "", .text),
        ]
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) { _ = set(key, value, force: true) }
    }

    /// What ChangeConfiguration answers.
    public enum ChangeResult: String, Hashable, Sendable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case rebootRequired = "RebootRequired"
        case notSupported = "NotSupported"
    }

    /// The value of `key`, if the key exists.
    public func value(_ key: String) -> String? { entries.first { $0.key == key }?.value }

    /// The entry of `key`, if the key exists.
    public func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

    /// Whether `key` is secret: GetConfiguration never reports it (OCPP 1.6 security whitepaper).
    public static func isWriteOnly(_ key: String) -> Bool { key == "AuthorizationKey" }

    /// An integer key (0 when missing or unreadable).
    public func int(_ key: String) -> Int { value(key).flatMap { Int($0) } ?? 0 }

    /// A boolean key (false when missing).
    public func bool(_ key: String) -> Bool { value(key)?.lowercased() == "true" }

    /// A measurand list key.
    public func measurands(_ key: String) -> [OCPPMeasurand] {
        // Split as bytes: `set` lets only measurand names (ASCII) and spaces through, and
        // splitting by characters was most of the cost of a meter sample.
        (value(key) ?? "").utf8.split(separator: UInt8(ascii: ",")).compactMap {
            Self.measurand(Self.trimmed(Substring($0)))
        }
    }

    /// ChangeConfiguration: checks the value against the key's kind; `force` also writes readonly keys.
    public mutating func set(_ key: String, _ value: String, force: Bool = false) -> ChangeResult {
        guard let i = entries.firstIndex(where: { $0.key == key }) else { return .notSupported }
        if entries[i].readonly, !force { return .rejected }
        switch entries[i].kind {
        case .integer:
            guard let n = Int(value), n >= 0 else { return .rejected }
            if key == "HeartbeatInterval" || key == "WebSocketPingInterval", n > 86_400 * 7 { return .rejected }
        case .boolean:
            guard ["true", "false"].contains(value.lowercased()) else { return .rejected }
        case .measurands:
            let parts = value.split(separator: ",", omittingEmptySubsequences: false)
            if !value.isEmpty,
                parts.contains(where: { Self.measurand(Self.trimmed($0)) == nil })
            {
                return .rejected
            }
            // A list longer than its `…MaxLength` key allows (OCPP 1.6 §9.1) is Rejected.
            if let limit = self.value(key + "MaxLength").flatMap({ Int($0) }), !value.isEmpty, parts.count > limit {
                return .rejected
            }
        case .text:
            break
        }
        entries[i].value = entries[i].kind == .boolean ? value.lowercased() : value
        return .accepted
    }

    /// `s` without leading and trailing spaces. In place: reversing the characters twice to
    /// drop the trailing ones made reading the measurand keys of every meter sample a tenth of
    /// a long OCPP scenario.
    static func trimmed(_ s: Substring) -> Substring {
        var t = s.drop { $0 == " " }
        while t.last == " " { t = t.dropLast() }
        return t
    }

    /// The measurand named `name`, compared without making a `String` of it.
    static func measurand(_ name: Substring) -> OCPPMeasurand? {
        OCPPMeasurand.allCases.first { $0.rawValue == name }
    }
}
