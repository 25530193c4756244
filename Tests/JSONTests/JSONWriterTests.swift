import SimCore
import Testing

@testable import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("JSON writer and number styles (nlohmann dump(), rapidyaml fmt::real)")
struct JSONWriterTests {
    @Test(
        "doubles print like nlohmann dump()",
        arguments: [
            (0.0, "0.0"), (-0.0, "-0.0"), (1, "1.0"), (16.5, "16.5"), (0.1, "0.1"), (-11.8, "-11.8"),
            (10662, "10662.0"), (0.0001, "0.0001"), (0.00001, "1e-05"), (2.5e-7, "2.5e-07"),
            (123_456_789_012_345, "123456789012345.0"), (1e15, "1e+15"), (1e16, "1e+16"),
            (1.5e300, "1.5e+300"), (1e21, "1e+21"), (.leastNonzeroMagnitude, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (Double(Float(223.57405)), "223.5740509033203"), (Double(Float(10662.3)), "10662.2998046875"),
            (Double.nan, "null"), (Double.infinity, "null"), (-Double.infinity, "null"),
        ] as [(Double, String)])
    func nlohmannDoubles(value: Double, expected: String) {
        #expect(JSONNumberFormat.nlohmann(value) == expected)
    }

    @Test("nlohmann-style doubles read back to the same value")
    func nlohmannRoundTrip() {
        var stream = RandomStream(seed: 11, name: "json-doubles")
        for _ in 0..<2_000 {
            let value = Double(bitPattern: stream.next())
            guard value.isFinite else { continue }
            let text = JSONNumberFormat.nlohmann(value)
            #expect(Double(text) == value, "\(value) printed as \(text)")
        }
    }

    @Test(
        "fixed decimals round the exact binary value half to even, like %.*f",
        arguments: [
            (16, 2, "16.00"), (-11.8, 2, "-11.80"), (2.675, 2, "2.67"), (0.125, 2, "0.12"), (0.375, 2, "0.38"),
            (1.005, 2, "1.00"), (-0.001, 2, "-0.00"), (0.5, 0, "0"), (1.5, 0, "2"), (2.5, 0, "2"),
            (1e20, 2, "100000000000000000000.00"), (12.01, 2, "12.01"), (Double.nan, 2, "nan"),
            (-Double.infinity, 1, "-inf"), (.leastNonzeroMagnitude, 3, "0.000"),
        ] as [(Double, Int, String)])
    func fixedDecimals(value: Double, decimals: Int, expected: String) {
        #expect(JSONNumberFormat.fixed(value, decimals: decimals) == expected)
    }

    @Test("fixed decimals agree with the C library's printf")
    func fixedMatchesPrintf() {
        var stream = RandomStream(seed: 3, name: "fixed-oracle")
        var buffer = [CChar](repeating: 0, count: 400)
        for i in 0..<3_000 {
            // Mix magnitudes: raw bit patterns, and values a meter or a limit would have.
            let raw = Double(bitPattern: stream.next())
            let plausible = (stream.nextUnit() - 0.5) * pow(10, Double(stream.next() % 12))
            let value = i % 3 == 0 ? raw : plausible
            guard value.isFinite, value.magnitude < 1e120 else { continue }
            let decimals = Int(stream.next() % 10)
            let count = withVaList([decimals, value]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
            guard count > 0, count < buffer.count else { continue }
            let printf = String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            #expect(JSONNumberFormat.fixed(value, decimals: decimals) == printf, "\(value) with \(decimals) decimals")
        }
    }

    @Test("nlohmann layout: sorted keys by bytes, compact")
    func nlohmannLayout() {
        let value: JSONValue = .object([
            "b": .int(1), "a": .array([.bool(true), .null, .double(2)]), "B": .string("x"), "é": .object([:]),
        ])
        #expect(JSONWriter.nlohmann.string(value) == #"{"B":"x","a":[true,null,2.0],"b":1,"é":{}}"#)
    }

    @Test("rapidyaml layout: insertion order, a space after the colon only")
    func rymlLayout() {
        let value: JSONValue = .object([
            "timestamp": .string("t"),
            "energy_Wh_import": .object(["total": .fixed(10, decimals: 2), "L1": .fixed(3, decimals: 1)]),
            "flag": .bool(false), "list": .array([.int(1), .int(2)]),
        ])
        #expect(
            JSONWriter.ryml.string(value)
                == #"{"timestamp": "t","energy_Wh_import": {"total": 10.00,"L1": 3.0},"flag": false,"list": [1,2]}"#)
    }

    @Test("strings are escaped like nlohmann with ensure_ascii off")
    func escaping() {
        let text = "q\"b\\s/\u{08}\u{0C}\n\r\t\u{01}\u{1F}\u{7F}é€😀"
        let expected = #""q\"b\\s/\b\f\n\r\t\u0001\u001f"# + "\u{7F}é€😀\""
        #expect(JSONWriter.nlohmann.string(.string(text)) == expected)
    }

    @Test(
        "each style writes the same document its own way",
        arguments: [
            (JSONWriter.nlohmann, #"{"a":[1,2.50],"b":null,"z":"\u0001"}"#),
            (JSONWriter.ryml, #"{"z": "\u0001","a": [1,2.50],"b": null}"#),
            (JSONWriter.compact, #"{"z":"\u0001","a":[1,2.50],"b":null}"#),
            (JSONWriter(keyOrder: .sorted, layout: .ryml), #"{"a": [1,2.50],"b": null,"z": "\u0001"}"#),
        ])
    func styles(writer: JSONWriter, expected: String) throws {
        let value = try JSONValue(parsing: #"{"z": "\u0001", "a": [1, 2.50], "b": null}"#)
        #expect(writer.string(value) == expected)
    }

    @Test("writing appends to a buffer in use, and parsing the bytes gives the value back")
    func appendsAndRoundTrips() throws {
        let value: JSONValue = ["k": [1, "é\n", true, nil], "n": .double(0.1), "f": .fixed(2.675, decimals: 2)]
        var buffer = Array("prefix ".utf8)
        JSONWriter.compact.write(value, into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"prefix {"k":[1,"é\n",true,null],"n":0.1,"f":2.67}"#)
        let back = try JSONParser(policy: .nlohmann).parse(Array(buffer.dropFirst(7)), file: "t")
        #expect(back == value.merging(["f": 2.67]))
        #expect(value.jsonText == JSONWriter.compact.string(value))
    }
}
