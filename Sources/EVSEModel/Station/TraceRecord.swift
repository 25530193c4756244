import SimCore

/// One thing that happened, as it appears in the trace.
///
/// Every layer (station, RAPI face, EVerest face, scenario runner) reports through this one
/// shape, so the trace is a single ordered stream. Field order is kept as given, which makes
/// the serialised trace byte-for-byte reproducible.
public struct TraceRecord: Hashable, Sendable {
    /// When it happened.
    public var time: SimInstant
    /// Who reported it: `station`, `rapi`, `mqtt`, `scenario`.
    public var source: String
    /// What happened, e.g. `evse.state`, `relay`, `rapi.in`.
    public var kind: String
    /// Details, in a fixed order.
    public var fields: [Field]

    public init(time: SimInstant, source: String, kind: String, fields: [Field] = []) {
        self.time = time
        self.source = source
        self.kind = kind
        self.fields = fields
    }

    /// A record of a message on a topic (what the faces trace for every publication and command):
    /// the fields `topic` and `payload`. Inlinable: made for every traced publication, a call
    /// across the module boundary was 3 % of a day traced with every publication.
    @inlinable
    public init(time: SimInstant, source: String, kind: String, topic: String, payload: TraceValue) {
        self.init(
            time: time, source: source, kind: kind, fields: [.init("topic", .string(topic)), .init("payload", payload)])
    }

    /// The topic and payload of a record whose fields are exactly those of
    /// ``init(time:source:kind:topic:payload:)``; nil for any other record.
    public var message: (topic: String, payload: TraceValue)? {
        guard fields.count == 2, fields[0].name == "topic", fields[1].name == "payload",
            case .string(let topic) = fields[0].value
        else { return nil }
        return (topic, fields[1].value)
    }

    /// A named value in a record.
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: TraceValue
        public init(_ name: String, _ value: TraceValue) {
            self.name = name
            self.value = value
        }
    }

    /// The value of the first field named `name`.
    public subscript(_ name: String) -> TraceValue? { fields.first { $0.name == name }?.value }
}

/// A value in a trace record.
public enum TraceValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral
{
    case string(String)
    case int(Int64)
    /// A measured quantity, printed with a fixed number of decimals so traces are stable.
    case number(Double, decimals: Int)
    case bool(Bool)
    /// A message payload as received or sent: the trace embeds it as JSON when it is a JSON
    /// object or array, and as a string of its text otherwise.
    case payload([UInt8])
    /// A payload its encoder vouches for: a compact JSON object or array on `JSONCompaction`'s
    /// fast path (see `JSONStream.isPlain`). The trace embeds it as it is, without checking it
    /// again; in every other respect, equality included, it is the ``payload(_:)`` of the same
    /// bytes. (Two cases rather than one with a flag: a payload of an array alone keeps
    /// the enum as cheap to copy and destroy as before, which the system log does for every record.)
    case vouchedJSON([UInt8])
    /// ``vouchedJSON(_:)`` with spaces between tokens (rapidyaml) and none inside its strings:
    /// the trace drops every space unchecked.
    case vouchedSpacedJSON([UInt8])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// A number with three decimals.
    public static func num(_ v: Double, _ decimals: Int = 3) -> TraceValue { .number(v, decimals: decimals) }

    /// The bytes of a payload, vouched for or not; nil for the other values.
    public var payloadBytes: [UInt8]? {
        switch self {
        case .payload(let bytes), .vouchedJSON(let bytes), .vouchedSpacedJSON(let bytes): bytes
        case .string, .int, .number, .bool: nil
        }
    }

    public static func == (a: TraceValue, b: TraceValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.number(let x, let dx), .number(let y, let dy)): x == y && dx == dy
        case (.bool(let x), .bool(let y)): x == y
        default: a.payloadBytes != nil && a.payloadBytes == b.payloadBytes
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let s):
            hasher.combine(0)
            hasher.combine(s)
        case .int(let i):
            hasher.combine(1)
            hasher.combine(i)
        case .number(let d, let decimals):
            hasher.combine(2)
            hasher.combine(d)
            hasher.combine(decimals)
        case .bool(let b):
            hasher.combine(3)
            hasher.combine(b)
        case .payload(let bytes), .vouchedJSON(let bytes), .vouchedSpacedJSON(let bytes):
            hasher.combine(4)
            hasher.combine(bytes)
        }
    }
}
