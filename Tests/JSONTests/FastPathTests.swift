import SimCore
import Testing

@testable import JSON

/// The tree-free writers against the tree-based ones they stand in for, byte for byte.
@Suite("JSON fast paths: compaction without a parse, streams without a tree")
struct FastPathTests {
    /// The slow path: parse (authoring policy) and write compact; nil where the parser refuses.
    static func reference(_ bytes: [UInt8]) -> [UInt8]? {
        guard let value = try? JSONParser().parse(bytes, file: "t") else { return nil }
        return JSONWriter.compact.bytes(value)
    }

    /// Random JSON-ish text: valid documents in several layouts, and mutations of them that may
    /// break the grammar (the compactor must then decline, never differ).
    static func documents(count: Int) -> [[UInt8]] {
        var random = RandomStream(seed: 42, name: "json fast path")
        func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
        func value(_ depth: Int) -> String {
            let space = pick(["", " ", "\n  ", "\t"])
            switch random.next() % (depth > 3 ? 5 : 8) {
            case 0: return pick(["0", "-0", "12", "-3.25", "1e5", "2E-3", "01", "1.", "-", "123456789.000"])
            case 1: return pick(["\"a\"", "\"\"", "\"x y/z\"", "\"q\\\"q\"", "\"\\u0041\"", "\"é\"", "\"tab\there\""])
            case 2: return pick(["true", "false", "null", "nul", "truex"])
            case 3, 4: return pick(["\"k\"", "1"])
            case 5, 6:
                let n = Int(random.next() % 4)
                let keys = (0..<n).map { _ in pick(["a", "b", "c", "L1", "total"]) }
                let members = keys.map { "\(space)\"\($0)\"\(space):\(space)\(value(depth + 1))" }
                return "{" + members.joined(separator: ",") + space + "}"
            default:
                let n = Int(random.next() % 4)
                return "[" + (0..<n).map { _ in space + value(depth + 1) }.joined(separator: ",") + "]"
            }
        }
        var out: [[UInt8]] = []
        for _ in 0..<count {
            var bytes = Array((random.next() % 2 == 0 ? "{\"p\":" + value(0) + "}" : value(0)).utf8)
            if random.next() % 4 == 0, !bytes.isEmpty {
                let i = Int(random.next() % UInt64(bytes.count))
                bytes[i] = pick(Array(",:{}[]\" 0a".utf8))
            }
            out.append(bytes)
        }
        return out
    }

    @Test("compaction equals parse-and-write wherever it answers, and answers for plain payloads")
    func compactionMatchesTheParser() {
        var answered = 0
        for bytes in Self.documents(count: 20_000) {
            var out: [UInt8] = [7]
            let done = JSONCompaction.append(bytes, to: &out)
            if done {
                answered += 1
                #expect(Array(out.dropFirst()) == Self.reference(bytes), "\(String(decoding: bytes, as: UTF8.self))")
            } else {
                #expect(out == [7], "a declined input leaves the buffer as it was")
            }
        }
        #expect(answered > 2_000, "the fast path took \(answered) of 20,000")
    }

    @Test(
        "long strings are read eight bytes at a time: one special byte anywhere is still seen",
        arguments: [0x22, 0x5C, 0x00, 0x1F, 0x0A, 0x7F, 0x80, 0xC3, 0xFF, 0x20, 0x21, 0x5B, 0x5D, 0x7E, 0x41])
    func longStrings(special: UInt8) {
        let plain = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        for position in 0..<plain.count {
            var text = plain
            text[position] = special
            let bytes = Array(#"{"key_\#(position)":""#.utf8) + text + Array(#"","n": [1, 2]}"#.utf8)
            var out: [UInt8] = []
            if JSONCompaction.append(bytes, to: &out) {
                #expect(out == Self.reference(bytes), "byte \(special) at \(position)")
            } else {
                #expect(out.isEmpty)
            }
            let plainByte = special >= 0x20 && special < 0x80 && special != 0x22 && special != 0x5C
            #expect(!out.isEmpty == plainByte, "byte \(special) at \(position)")
        }
    }

    @Test(
        "what the compactor leaves to the parser",
        arguments: [
            #"{"a":1,"a":2}"#, #"{"a":"\n"}"#, #"{"a":"é"}"#, #"[1e400]"#, #"[1E2]"#, #"[01]"#, #"{"a":1,}"#,
            String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
        ])
    func declines(_ text: String) {
        var out: [UInt8] = []
        #expect(!JSONCompaction.append(Array(text.utf8), to: &out))
    }

    @Test(
        "integers print as Swift prints them, the extremes included",
        arguments: [0, 7, -1, 10, -10_000, .min, .max] as [Int64])
    func integers(value: Int64) {
        var out: [UInt8] = []
        JSONStream.appendInt(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(value))
    }

    @Test("fixed numbers in a row, repeated or not, print as the writer prints each")
    func repeatedFixed() {
        var random = RandomStream(seed: 11, name: "fixed")
        let values = [0.0, -0.0, 12.25, 7_563.4609375, 1e-7, 2.5e21, .nan, .infinity, 60]
        for _ in 0..<2_000 {
            var out = JSONStream(layout: .ryml)
            var elements: [JSONValue] = []
            out.beginArray()
            for _ in 0..<6 {
                // Mostly the value before again, sometimes with other decimals.
                let d = values[Int(random.next() % 3 == 0 ? random.next() % 9 : 2)]
                let decimals = Int(random.next() % 4 == 0 ? random.next() % 3 : 2)
                out.fixed(d, decimals: decimals)
                elements.append(.fixed(d, decimals: decimals))
            }
            out.endArray()
            #expect(out.bytes == JSONWriter(keyOrder: .insertion, layout: .ryml).bytes(.array(elements)))
        }
    }

    @Test("a stream writes what the writer writes for the same members", arguments: [JSONWriter.Layout.compact, .ryml])
    func streamMatchesWriter(layout: JSONWriter.Layout) {
        var random = RandomStream(seed: 7, name: "stream")
        for _ in 0..<2_000 {
            let d = Double(random.next() % 1_000_000) / [1, 10, 1000][Int(random.next() % 3)] - 500
            let i = Int(random.next() % 100_000) - 50_000
            let s = ["plain", "quote\"d", "back\\slash", "", "ünï"][Int(random.next() % 5)]
            let decimals = Int(random.next() % 5)
            let tree: JSONValue = .object([
                "a": .double(d), "b": .int(i), "c": .string(s),
                "d": .array([.fixed(d, decimals: decimals), .bool(i > 0), .object([:])]),
                "e": .object(["x": .string("2026-05-06T09:51:28.123Z")]),
            ])
            var out = JSONStream(layout: layout)
            out.beginObject()
            out.key("a")
            out.double(d)
            out.key("b")
            out.int(i)
            out.key("c")
            out.string(s)
            out.key("d")
            out.beginArray()
            out.fixed(d, decimals: decimals)
            out.bool(i > 0)
            out.beginObject()
            out.endObject()
            out.endArray()
            out.key("e")
            out.beginObject()
            out.key("x")
            out.plainString { $0.append(contentsOf: "2026-05-06T09:51:28.123Z".utf8) }
            out.endObject()
            out.endObject()
            let writer = JSONWriter(keyOrder: .insertion, layout: layout)
            #expect(out.bytes == writer.bytes(tree))
        }
    }

    @Test(
        "a stream vouches exactly for what compaction copies as it is (a spaced one for no string with a space)",
        arguments: [JSONWriter.Layout.compact, .ryml])
    func plainStreamIsItsOwnCompactText(layout: JSONWriter.Layout) {
        var random = RandomStream(seed: 11, name: "plain stream")
        var vouched = 0
        for _ in 0..<2_000 {
            let d = [1e-7, 2.5e21, -0.0, 12.25, Double.nan, .infinity, 7_563.4609375][Int(random.next() % 7)]
            let s = ["plain", "quote\"d", "back\\slash", "", "ünï", "tab\there", "a b: c"][Int(random.next() % 7)]
            var out = JSONStream(layout: layout)
            out.beginObject()
            out.key("d")
            if random.next() % 2 == 0 { out.double(d) } else { out.fixed(d, decimals: Int(random.next() % 3)) }
            out.key("s")
            out.string(s)
            out.key("t")
            out.plainString { $0.append(contentsOf: "2026-05-06T09:51:28Z".utf8) }
            out.endObject()
            var compacted: [UInt8] = []
            let plain = JSONCompaction.append(out.bytes, to: &compacted)
            // Vouching for less than compaction takes is allowed, never for more.
            if out.isPlain {
                vouched += 1
                #expect(plain)
                // What the trace writes: a compact stream as it is, a spaced one without its spaces.
                var copied: [UInt8] = []
                if layout == .ryml {
                    JSONCompaction.appendVouched(out.bytes, to: &copied)
                } else {
                    copied = out.bytes
                }
                #expect(copied == compacted)
            }
            // A spaced stream does not vouch for a string with a space: dropping every space
            // would take it out of the string too.
            let spacedString = layout == .ryml && s.contains(" ")
            if plain, d.isFinite, !spacedString, !["quote\"d", "back\\slash", "ünï", "tab\there"].contains(s) {
                #expect(out.isPlain)
            }
        }
        #expect(vouched > 100)
    }
}
