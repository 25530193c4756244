public import EVSEModel
import SimCore

/// Writes trace lines with the same bytes as ``TraceWriter``, remembering what it wrote for the
/// topics it saw and for each topic's last payload.
///
/// A station publishes the same topics every second, and half of its payloads are the very same
/// buffers as the second before (the EVerest face caches the slow-moving ones), so with every
/// publication traced most of a line was checking and escaping bytes written identically the
/// second before. Here a topic's escaped text is copied, and a payload that is the same buffer
/// as that topic's previous one is copied as it was written then.
///
/// Entries are found by storage identity, never by content: each keeps the string or array it
/// names, and while it is held that storage can be neither freed and reused nor changed in place
/// (a shared array or string is copied before a write), so the same storage with the same length
/// always holds the same bytes. Small strings have no storage of their own and are not kept.
///
/// One writer serves one run on one thread; `@unchecked Sendable` only because trace sinks are
/// `@Sendable` closures that capture it.
public final class TraceLineWriter: @unchecked Sendable {
    /// Behind a pointer the writer owns rather than in a stored property: every access to a
    /// class's stored property is checked for exclusivity at run time, once per line here.
    private let memo: UnsafeMutablePointer<Memo>

    public init() {
        memo = .allocate(capacity: 1)
        memo.initialize(to: Memo())
    }

    deinit {
        memo.deinitialize(count: 1)
        memo.deallocate()
    }

    /// Appends one record (without newline) to `out`: the bytes of ``TraceWriter/append(_:to:)``.
    public func append(_ record: TraceRecord, to out: inout [UInt8]) { memo.pointee.append(record, to: &out) }

    /// Topics remembered at most (a station has about a dozen; a fleet's trace has more, and
    /// then only some are remembered).
    static let maximumTopics = 64

    /// Everything remembered, in a struct so that a line costs one access to the class.
    private struct Memo {
        var topics: [Topic] = []
        /// The slot replaced next once ``TraceLineWriter/maximumTopics`` are kept.
        var nextSlot = 0
        /// The last record's source and kind, and `,"src":…,"kind":…` for them.
        var source = ""
        var kind = ""
        var head: [UInt8] = []
        /// The last record's time, and `{"t":…` for it (a station's publications of a second
        /// share one time).
        var time = SimInstant.zero
        var timeText: [UInt8] = []

        mutating func append(_ record: TraceRecord, to out: inout [UInt8]) {
            let writer = TraceWriter()
            if record.time != time || timeText.isEmpty {
                time = record.time
                timeText.removeAll(keepingCapacity: true)
                TraceWriter.append(#"{"t":"#, to: &timeText)
                TraceWriter.appendSeconds(record.time, to: &timeText)
            }
            out.append(contentsOf: timeText)
            if appendPublication(record, writer, to: &out) { return }
            if record.source != source || record.kind != kind || head.isEmpty {
                source = record.source
                kind = record.kind
                head.removeAll(keepingCapacity: true)
                writer.appendHead(record, to: &head)
            }
            out.append(contentsOf: head)
            for field in record.fields { writer.appendField(field, to: &out) }
            out.append(UInt8(ascii: "}"))
        }

        /// The rest of a record of a topic and a payload (what the faces write for every
        /// publication) after its time: the head and topic as written before for this topic,
        /// then the payload; false (and nothing written) for any other record or a topic that
        /// is not remembered.
        mutating func appendPublication(_ record: TraceRecord, _ writer: TraceWriter, to out: inout [UInt8]) -> Bool {
            // ``TraceRecord/message`` read in place: the tuple it returns retains the topic and
            // the payload once more, 2 % of a day traced with every publication.
            guard record.fields.count == 2, record.fields[0].name == "topic", record.fields[1].name == "payload",
                case .string(let topic) = record.fields[0].value,
                let slot = topicSlot(topic)
            else { return false }
            if topics[slot].source != record.source || topics[slot].kind != record.kind {
                var text: [UInt8] = []
                writer.appendHead(record, to: &text)
                writer.appendField(.init("topic", .string(topic)), to: &text)
                TraceWriter.append(#","payload":"#, to: &text)
                topics[slot].source = record.source
                topics[slot].kind = record.kind
                topics[slot].text = text
            }
            out.append(contentsOf: topics[slot].text)
            switch record.fields[1].value {
            case .payload(let bytes): appendPayload(bytes, topic: slot, writer, to: &out)
            case let value: writer.append(value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
            return true
        }

        mutating func appendPayload(_ bytes: [UInt8], topic index: Int, _ writer: TraceWriter, to out: inout [UInt8]) {
            let identity = Identity(bytes)
            if let identity, identity == topics[index].payloadIdentity {
                if let text = topics[index].payloadText {
                    out.append(contentsOf: text)
                    return
                }
                // Seen a second time: worth remembering what it becomes.
                let start = out.count
                writer.append(.payload(bytes), to: &out)
                topics[index].payloadText = Array(out[start...])
                return
            }
            writer.append(.payload(bytes), to: &out)
            topics[index].payload = bytes
            topics[index].payloadIdentity = identity
            topics[index].payloadText = nil
        }

        /// The slot of topic `s`, remembered now if it is new; nil for a small string.
        mutating func topicSlot(_ s: String) -> Int? {
            guard let identity = Identity(s) else { return nil }
            if let index = topics.firstIndex(where: { $0.identity == identity }) { return index }
            let topic = Topic(string: s, identity: identity)
            if topics.count < TraceLineWriter.maximumTopics {
                topics.append(topic)
                return topics.count - 1
            }
            let index = nextSlot
            topics[index] = topic
            nextSlot = (nextSlot + 1) % TraceLineWriter.maximumTopics
            return index
        }
    }

    /// One remembered topic: its field as written, and its last payload.
    private struct Topic {
        /// Kept so that its storage stays the topic's (see the type's description).
        let string: String
        let identity: Identity
        /// The source and kind of the last record on this topic, and what was written for them
        /// and the topic: `,"src":…,"kind":…,"topic":"…","payload":`.
        var source = ""
        var kind = ""
        var text: [UInt8] = []
        /// The last payload seen on this topic (kept, like ``string``), and what was written
        /// for it once it was seen a second time (nil until then: most payloads are new every
        /// second).
        var payload: [UInt8] = []
        var payloadIdentity: Identity?
        var payloadText: [UInt8]?
    }

    /// Where a string's or array's bytes live, and how many there are.
    private struct Identity: Equatable {
        let address: UnsafeRawPointer
        let count: Int

        init?(_ s: String) {
            // A string of up to 15 UTF-8 bytes may be stored inline: its bytes have no address.
            let count = s.utf8.count
            guard count > 15,
                let address = s.utf8.withContiguousStorageIfAvailable({ $0.baseAddress.map(UnsafeRawPointer.init) })
                    ?? nil
            else { return nil }
            self.address = address
            self.count = count
        }

        init?(_ a: [UInt8]) {
            guard let address = a.withUnsafeBufferPointer({ $0.baseAddress.map(UnsafeRawPointer.init) }) else {
                return nil
            }
            self.address = address
            count = a.count
        }
    }
}
