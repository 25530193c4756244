/// Topic filters gathered into SUBSCRIBE packets of up to ``size`` filters with the same QoS.
struct SubscriptionBatch {
    /// Filters per SUBSCRIBE packet: few packets, each far below any broker's packet limit.
    static let size = 100

    /// The options whose topic prefix is added to every filter.
    let prefix: MQTTOptions
    private var filters: [String] = []
    private var qos: Int32 = 0

    init(prefix: MQTTOptions) { self.prefix = prefix }

    /// Adds `filter` (without the prefix); returns a full packet's filters to send, if any.
    mutating func add(_ filter: String, qos: Int32) -> (filters: [String], qos: Int32)? {
        var full: (filters: [String], qos: Int32)?
        if qos != self.qos, !filters.isEmpty { full = finish() }
        self.qos = qos
        filters.append(prefix.fullTopic(filter))
        if full == nil, filters.count == Self.size { full = finish() }
        return full
    }

    /// The filters not sent yet, if any.
    mutating func finish() -> (filters: [String], qos: Int32)? {
        guard !filters.isEmpty else { return nil }
        defer { filters.removeAll(keepingCapacity: true) }
        return (filters, qos)
    }
}
