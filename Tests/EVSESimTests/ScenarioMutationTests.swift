import Foundation
import Testing

/// Reliability: 500 seeded mutations of the library's scenarios through `evsesim validate`
/// never crash it; it ends 0 (valid), 2 (problems) or 3 (unreadable), and every problem stays on
/// one line (README "Reliability"). `tools/soak` runs the same with more mutations.
@Suite struct ScenarioMutationTests {
    typealias CLI = CommandLineTests

    /// SplitMix64: a fixed seed gives the same mutations on every machine.
    struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    /// Fragments that stress the reader: wrong types, huge and odd numbers, control characters,
    /// deep nesting, unknown keys and step kinds.
    static let fragments: [String] = [
        "null", "true", "-0", "1e999", "-1e-999", "18446744073709551616", "\"\"", "\"\\u0000\"", "\"\\n\\r\"",
        "[]", "{}", "[[[[[[[[[[[[]]]]]]]]]]]]", #"{"do":"unplug"}"#, #"{"at":"-5s","do":"plug"}"#,
        #""until":"+100000000d""#, #""hardwareMaxAmp":40"#, "\"\u{7F}\u{1B}[31m\"", ",", ":", "\"é\u{301}\"",
        #"{"wait":"evse.state == ","timeout":"0s"}"#, #"{"expect":{"capacity.amps":"x"}}"#, "NaN", "0x10",
    ]

    static func mutate(_ bytes: [UInt8], _ rng: inout Mix) -> [UInt8] {
        var b = bytes
        for _ in 0...rng.below(3) {
            guard !b.isEmpty else { break }
            let at = rng.below(b.count)
            let length = min(b.count - at, 1 + rng.below(40))
            switch rng.below(5) {
            case 0: b.removeSubrange(at..<(at + length))
            case 1: b.insert(contentsOf: b[at..<(at + length)], at: rng.below(b.count))
            case 2: b[at] = UInt8(truncatingIfNeeded: rng.next())
            case 3: b.insert(contentsOf: Array(fragments[rng.below(fragments.count)].utf8), at: at)
            default: b.replaceSubrange(at..<(at + length), with: Array(fragments[rng.below(fragments.count)].utf8))
            }
        }
        return b
    }

    /// Writes `count` mutated scenarios (seed `seed`) into a new folder and returns it.
    static func mutatedFolder(count: Int, seed: UInt64) throws -> URL {
        let library = CLI.root.appendingPathComponent("Scenarios")
        let originals = try FileManager.default.contentsOfDirectory(atPath: library.path).filter {
            $0.hasSuffix(".json")
        }
        .sorted().map { try [UInt8](Data(contentsOf: library.appendingPathComponent($0))) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "evsesim-mutations-\(getpid())-\(seed)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rng = Mix(state: seed)
        for i in 0..<count {
            let mutated = mutate(originals[rng.below(originals.count)], &rng)
            try Data(mutated).write(to: folder.appendingPathComponent(String(format: "m%05d.json", i)))
        }
        return folder
    }

    static var count: Int { ProcessInfo.processInfo.environment["EVSESIM_MUTATIONS"].flatMap(Int.init) ?? 500 }

    @Test("500 mutated scenarios: exit 0/2/3, one line per problem, never a crash")
    func mutations() throws {
        let count = Self.count
        let folder = try Self.mutatedFolder(count: count, seed: 14)
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try CLI.run(["validate", folder.path])
        #expect([0, 2, 3].contains(r.status), "exit \(r.status): \(r.err.suffix(2000))")
        #expect(!r.err.contains("Fatal error"), "\(r.err.suffix(2000))")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let verdicts = lines.filter { $0.hasPrefix("ok    ") || $0.hasPrefix("error ") }
        #expect(verdicts.count == count, "one verdict line per file")
        let stray = lines.filter { !($0.hasPrefix("ok    ") || $0.hasPrefix("error ") || $0.hasPrefix("  ")) }
        #expect(stray.isEmpty, "a problem spread over several lines: \(stray.prefix(3))")
        #expect(lines.contains { $0.hasPrefix("error ") }, "the mutations do break files")
        print(
            "mutations: \(count) files, \(verdicts.filter { $0.hasPrefix("error ") }.count) invalid, exit \(r.status)")
    }
}
