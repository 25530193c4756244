public import JSON
import SimCore

/// One input of a live session as its trace recorded it: what the outside world did to the
/// stations, at the instant the live loop stamped.
///
/// Input records are `pty.receive` (bytes a RAPI client wrote, escaped) and every kind named
/// `input.<what>` (`input.mqtt`: a message from the broker; `input.ocpp`: a CSMS frame or a
/// change of the WebSocket). A new kind of input (a control API
/// action, say) gets an `input.` kind, a case here and its delivery in the replay driver; a
/// replay meeting an `input.` kind it does not know stops with its name rather than replaying
/// something else than what happened.
public enum RecordedInput: Sendable, Hashable {
    /// Bytes a RAPI client wrote to station `station`'s pty.
    case rapi(station: Int, bytes: [UInt8])
    /// A message the broker delivered (EVerest commands and system API requests alike).
    case mqtt(topic: String, payload: [UInt8])
    /// A control API action on station `station`: what the reader made of it, and the action
    /// object as compact JSON (traced again as it was).
    case control(station: Int, action: ScenarioAction, request: [UInt8])
    /// A frame station `station`'s CSMS sent over its WebSocket.
    case ocppFrame(station: Int, bytes: [UInt8])
    /// Station `station`'s WebSocket to the CSMS opened (`up`) or closed.
    case ocppConnection(station: Int, up: Bool)

    /// The record kinds that are inputs and are not `input.*`.
    public static let legacyKinds: Set<String> = ["pty.receive"]

    /// Whether a record of `kind` is an input.
    public static func isInput(kind: String) -> Bool { legacyKinds.contains(kind) || kind.hasPrefix("input.") }

    /// The input a record holds, nil for a record that is no input.
    /// - Throws: ``ReplayError`` for an input record this version cannot replay.
    public static func from(_ record: RecordedTrace.Record, file: String) throws(ReplayError) -> RecordedInput? {
        guard isInput(kind: record.kind) else { return nil }
        func bad(_ what: String) -> ReplayError {
            ReplayError(file: file, line: record.line, "\(record.kind) record: \(what)")
        }
        switch record.kind {
        case "pty.receive":
            guard let text = record.json["bytes"]?.stringValue, let bytes = unescaped(text) else {
                throw bad("expected \"bytes\" as evsesim escapes them (\\r, \\n, \\0, \\\\, \\xHH)")
            }
            return .rapi(station: record.station ?? 0, bytes: bytes)
        case "input.mqtt":
            guard let topic = record.json["topic"]?.stringValue, let payload = record.json["payload"] else {
                throw bad("expected \"topic\" and \"payload\"")
            }
            return .mqtt(topic: topic, payload: payloadBytes(payload))
        case "input.control":
            guard let object = record.json["action"], object.objectValue != nil else {
                throw bad(#"expected "action", an action object like {"do": "plug"}"#)
            }
            do {
                let action = try ScenarioAction(json: object, file: "\(file):\(record.line) action")
                return .control(station: record.station ?? 0, action: action, request: JSONWriter.compact.bytes(object))
            } catch {
                throw bad("the action is not one this version reads: \(error)")
            }
        case "input.ocpp":
            if let frame = record.json["frame"] {
                return .ocppFrame(station: record.station ?? 0, bytes: payloadBytes(frame))
            }
            guard let connection = record.json["connection"]?.stringValue, ["up", "down"].contains(connection) else {
                throw bad(#"expected "frame" (a frame from the CSMS) or "connection" ("up" or "down")"#)
            }
            return .ocppConnection(station: record.station ?? 0, up: connection == "up")
        default:
            throw bad(
                "this version of evsesim cannot replay this kind of input; replay it with the version that wrote it")
        }
    }

    /// A traced payload back as bytes: embedded JSON compactly, a string as its text.
    public static func payloadBytes(_ value: JSONValue) -> [UInt8] {
        value.stringValue.map { Array($0.utf8) } ?? Array(value.jsonText.utf8)
    }

    /// The inverse of `RAPIFormat.escaped`: `\r`, `\n`, `\0`, `\\`, `\xHH` and printable ASCII.
    public static func unescaped(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            switch bytes.popFirst() {
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "0"): out.append(0x00)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "x"):
                guard bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
                else { return nil }
                out.append(value)
                bytes = bytes.dropFirst(2)
            default: return nil
            }
        }
        return out
    }
}
