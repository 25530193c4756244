import Testing

@testable import EverestAPI

@Suite("std::stoi / std::stof semantics (API module cmd handlers)")
struct CNumberParsingTests {
    typealias Failure = CNumberParsing.Failure

    @Test(
        "stoi",
        arguments: [
            ("42", .success(42)), (" \t\n\u{0B}\u{0C}\r42abc", .success(42)), ("+7", .success(7)), ("-3", .success(-3)),
            ("1abc", .success(1)), ("0x10", .success(0)), ("2147483647", .success(.max)),
            ("-2147483648", .success(.min)), ("2147483648", .failure(.outOfRange)),
            ("99999999999999999999", .failure(.outOfRange)), ("", .failure(.noConversion)),
            ("abc", .failure(.noConversion)), ("+", .failure(.noConversion)), (" ", .failure(.noConversion)),
            ("1.9", .success(1)), ("5\u{0}6", .success(5)), ("\u{0}5", .failure(.noConversion)),
        ] as [(String, Result<Int32, Failure>)])
    func stoi(text: String, expected: Result<Int32, Failure>) {
        #expect(CNumberParsing.stoi(Array(text.utf8)) == expected)
    }

    @Test(
        "stof",
        arguments: [
            ("16", .success(16)), ("16.5", .success(16.5)), (" 8A", .success(8)), ("-6", .success(-6)),
            ("0.1", .success(0.1)), ("1e3", .success(1000)), ("0x1p3", .success(8)), ("0x10", .success(16)),
            ("inf", .success(.infinity)), ("-Infinity", .success(-.infinity)), ("INF", .success(.infinity)),
            ("3.4028235e38", .success(.greatestFiniteMagnitude)), ("3.4028236e38", .failure(.outOfRange)),
            ("0", .success(0)), ("1e", .success(1)),
            ("16.", .success(16)), (".5", .success(0.5)),
            ("1e99", .failure(.outOfRange)), ("-1e40", .failure(.outOfRange)), ("1e-50", .failure(.outOfRange)),
            ("abc", .failure(.noConversion)), ("", .failure(.noConversion)), ("-", .failure(.noConversion)),
            (".", .failure(.noConversion)),
        ] as [(String, Result<Float, Failure>)])
    func stof(text: String, expected: Result<Float, Failure>) {
        #expect(CNumberParsing.stof(Array(text.utf8)) == expected)
    }

    @Test("stof reads nan and nan(…) in any case", arguments: ["nan", "NaN", "-nan", "nan(123)", "  nanx"])
    func stofNaN(text: String) throws {
        let value = try CNumberParsing.stof(Array(text.utf8)).get()
        #expect(value.isNaN)
    }
}
