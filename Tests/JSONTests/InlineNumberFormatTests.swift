import SimCore
import Testing

@testable import JSON

/// The allocation-free number printing against the string-built reference, byte for byte, on
/// edge cases, every binade's neighbourhood of powers of ten, sensor-like decimals, values
/// widened from `Float`, and random bit patterns over the whole double range.
@Suite("Inline number printing matches the reference formatters byte for byte")
struct InlineNumberFormatTests {
    /// Doubles that stress the format boundaries: zeros, subnormals, extremes, the plain/exponent
    /// switch at 1e-5 and 1e15, and the neighbours of every power of ten.
    static func boundaryValues() -> [Double] {
        var values: [Double] = [
            0, -0.0, 1, -1, 0.1, 0.5, 16.5, -11.8, 10662, 0.0001, 0.00001, 2.5e-7, 123_456_789_012_345,
            1e15, 1e16, 1e21, 1.5e300, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
            .ulpOfOne, 9_007_199_254_740_992, 9_007_199_254_740_993, 0.30000000000000004, 2.675, 0.125,
            .infinity, -.infinity, .nan, 1.0 / 3.0, 2.0 / 3.0, 1e-4, 9.999999999999999e-5, 999_999_999_999_999.9,
        ]
        var power = 1e-320
        while power < 1e308 {
            values += [power, power.nextUp, power.nextDown, -power]
            power *= 10
        }
        return values
    }

    /// `count` doubles of typical payload magnitudes: decimals with few digits, scaled sums,
    /// and `Float`-widened values (as the `everest2026` flavour prints them).
    static func sensorValues(count: Int) -> [Double] {
        var random = RandomStream(seed: 10, name: "sensor values")
        var values: [Double] = []
        for i in 0..<count {
            let raw = Double(random.next() % 10_000_000)
            let scaled = raw / [1, 10, 100, 1000, 1e4, 1e6][i % 6]
            values += [scaled, -scaled, Double(Float(scaled)), random.nextUnit() * 1000, scaled * 0.1 + 0.2]
        }
        return values
    }

    /// `count` doubles from uniformly random bit patterns (every exponent, NaNs included).
    static func randomBitPatterns(count: Int) -> [Double] {
        var random = RandomStream(seed: 10, name: "bit patterns")
        return (0..<count).map { _ in Double(bitPattern: random.next()) }
    }

    @Test("nlohmann dump(): boundaries, sensor values and 200,000 random bit patterns")
    func nlohmannMatchesReference() {
        let values = Self.boundaryValues() + Self.sensorValues(count: 40_000) + Self.randomBitPatterns(count: 200_000)
        var mismatches: [String] = []
        for value in values {
            let expected = ReferenceNumberFormat.nlohmann(value)
            let actual = JSONNumberFormat.nlohmannText(value).string
            if actual != expected, mismatches.count < 10 {
                mismatches.append("\(value.bitPattern): \(actual) != \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(JSONNumberFormat.nlohmann(-0.0) == "-0.0")
        #expect(JSONNumberFormat.nlohmann(1e-5) == "1e-05")
    }

    @Test("printf %.*f: every decimal count on boundaries, sensor values and random bit patterns")
    func fixedMatchesReference() {
        let values = Self.boundaryValues() + Self.sensorValues(count: 2_000) + Self.randomBitPatterns(count: 10_000)
        var mismatches: [String] = []
        var inline = 0
        for value in values {
            for decimals in [-1, 0, 1, 2, 3, 5, 9, 17, 18] {
                let expected = JSONNumberFormat.fixedByStrings(value, decimals: decimals)
                guard let text = JSONNumberFormat.fixedText(value, decimals: decimals) else { continue }
                inline += 1
                if text.string != expected, mismatches.count < 10 {
                    mismatches.append("\(value.bitPattern) .\(decimals): \(text.string) != \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(inline > values.count * 4, "most values print inline")
        #expect(JSONNumberFormat.fixedText(0x1p75, decimals: 2) == nil)
        #expect(JSONNumberFormat.fixed(0x1p75, decimals: 1) == "37778931862957161709568.0")
    }

    @Test("the 64-bit printer of up to three decimals matches printf %.*f wherever it answers, ties included")
    func fastFixedMatchesReference() {
        // Exact binary halves are ties at some decimal count: rounded to even.
        let ties: [Double] = [0.5, 1.5, 2.5, -2.5, 0.25, 0.75, 0.125, 0.375, 1.0625, 0.0625, 1234.5, 0.0005]
        let values =
            ties + Self.boundaryValues() + Self.sensorValues(count: 2_000) + Self.randomBitPatterns(count: 10_000)
        var mismatches: [String] = []
        var answered = 0
        for value in values {
            for decimals in [-1, 0, 1, 2, 3, 4] {
                var out: [UInt8] = Array("x".utf8)
                guard JSONNumberFormat.appendFixed(value, decimals: decimals, to: &out) else {
                    #expect(out == Array("x".utf8), "nothing written when it declines")
                    continue
                }
                answered += 1
                let text = String(decoding: out.dropFirst(), as: UTF8.self)
                let expected = JSONNumberFormat.fixedByStrings(value, decimals: decimals)
                if text != expected, mismatches.count < 10 {
                    mismatches.append("\(value.bitPattern) .\(decimals): \(text) != \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(answered > values.count * 2, "most values with up to three decimals")
        var out: [UInt8] = []
        #expect(!JSONNumberFormat.appendFixed(0x1p52, decimals: 2, to: &out))
        #expect(!JSONNumberFormat.appendFixed(.nan, decimals: 2, to: &out))
        #expect(!JSONNumberFormat.appendFixed(1.5, decimals: 4, to: &out))
    }
}
