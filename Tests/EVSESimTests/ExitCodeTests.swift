import Foundation
import Testing

/// Exit codes as README "Exit codes" documents them: 0 passed, 1 a verdict failed, 2 invalid
/// input (scenario, fleet or profile), 3 a file could not be read or written, 64 a bad option.
@Suite struct ExitCodeTests {
    typealias CLI = CommandLineTests
    static let scenario = "Scenarios/full-session-to-target-soc.json"

    /// A copy of the profile folder with one broken station profile added.
    func brokenProfiles(in scratch: Scratch) throws -> String {
        let dir = scratch.path("Profiles")
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("Profiles").path, toPath: dir)
        try scratch.write("Profiles/stations/broken.json", #"{ "id": "broken", "hardwareMaxAmp": 40 }"#)
        return dir
    }

    @Test(arguments: ["run", "validate", "list"])
    func brokenProfileIsInvalidInput(command: String) throws {
        let scratch = try Scratch()
        let profiles = try brokenProfiles(in: scratch)
        let r = try CLI.run([command, "--profiles", profiles] + (command == "list" ? [] : [Self.scenario]))
        #expect(r.status == 2, "\(r.out)\(r.err)")
        #expect(r.err.contains("invalid profiles in \(profiles)"))
        #expect(
            r.err.contains(
                #"$.hardwareMaxAmp: expected a profile field, found "hardwareMaxAmp"; did you mean "hardwareMaxAmps"?"#)
        )
    }

    @Test func junitCreatesItsFolders() throws {
        let scratch = try Scratch()
        let report = scratch.path("reports/ci/junit.xml")
        let r = try CLI.run(["run", "-q", "--junit", report, Self.scenario])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        #expect(xml.contains(#"<testsuites name="evsesim" tests="17" failures="0" errors="0">"#))
    }

    @Test func unwritableJUnitIsAFileErrorNotAFailedVerdict() throws {
        let scratch = try Scratch()
        let file = try scratch.write("plain-file", "")
        let r = try CLI.run(["run", "-q", "--junit", file + "/junit.xml", Self.scenario])
        #expect(r.status == 3, "\(r.out)\(r.err)")
        #expect(r.err.contains("evsesim: \(file)/junit.xml: Not a directory"))
        #expect(r.out.contains("1 scenario: 1 passed"))
    }

    @Test func missingScenarioIsAFileError() throws {
        let r = try CLI.run(["run", "Scenarios/no-such-scenario.json"])
        #expect(r.status == 3)
        #expect(r.err.contains("evsesim: Scenarios/no-such-scenario.json: No such file or directory"))
        let v = try CLI.run(["validate", "Scenarios/no-such-scenario.json"])
        #expect(v.status == 3)
    }

    @Test func runAndValidateTakeAFolder() throws {
        let scratch = try Scratch()
        try scratch.write("set/b.json", Scratch.scenario(name: "second"))
        try scratch.write("set/a.json", Scratch.scenario(name: "first"))
        try scratch.write("set/notes.txt", "not a scenario")
        let folder = scratch.path("set")
        let r = try CLI.run(["run", folder])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        let starts = r.out.split(separator: "\n").filter { $0.hasPrefix("▶") }
        #expect(starts == ["▶ \(folder)/a.json: first (seed 1)", "▶ \(folder)/b.json: second (seed 1)"])
        #expect(r.out.hasSuffix("2 scenarios: 2 passed, 0 failed (2 of 2 verdicts passed)\n"))
        let v = try CLI.run(["validate", folder + "/"])
        #expect(v.status == 0)
        #expect(v.out.split(separator: "\n").count == 2)
    }

    @Test func theScenarioLibraryRunsAsAFolder() throws {
        let r = try CLI.run(["run", "-q", "Scenarios/"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        let count = try FileManager.default.contentsOfDirectory(
            atPath: CLI.root.appendingPathComponent("Scenarios").path
        )
        .filter { $0.hasSuffix(".json") }.count
        #expect(r.out.hasPrefix("\(count) scenarios: \(count) passed, 0 failed"))
    }

    @Test func anEmptyFolderIsAFileError() throws {
        let scratch = try Scratch()
        let r = try CLI.run(["run", scratch.url.path])
        #expect(r.status == 3)
        #expect(r.err.contains("no *.json files in this folder"))
    }

    /// Output files are opened without following a symbolic link in the last component.
    @Test(arguments: ["--trace", "--junit"])
    func outputSymlinksAreRefused(option: String) throws {
        let scratch = try Scratch()
        let target = try scratch.write("precious.txt", "keep me\n")
        let link = scratch.path("out.link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let r = try CLI.run(["run", "-q", option, link, Self.scenario])
        #expect(r.status == 3, "\(r.out)\(r.err)")
        #expect(r.err.contains("evsesim: \(link): is a symbolic link; give the path of the file itself"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")

        if option == "--trace" {
            let serve = try CLI.run(["serve", "--no-pty", "--duration", "1s", "--speed", "x10", "--trace", link])
            #expect(serve.status == 3, "\(serve.out)\(serve.err)")
            #expect(serve.err.contains("is a symbolic link"))
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
        }

        let dangling = scratch.path("dangling.link")
        let nowhere = scratch.path("created-through-the-link")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: nowhere)
        let d = try CLI.run(["run", "-q", option, dangling, Self.scenario])
        #expect(d.status == 3)
        #expect(!FileManager.default.fileExists(atPath: nowhere))
    }
}
