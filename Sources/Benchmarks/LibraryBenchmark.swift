import Live
import Scenario
import Transport

/// Wall time to validate and run every scenario in a folder, as CI does.
public enum LibraryBenchmark {
    public static func run(library: ProfileLibrary, directory: String = "Scenarios") throws -> BenchmarkResult {
        let files = Folder.jsonFiles(in: directory)
        let start = ContinuousClock.now
        var verdicts = 0
        for name in files {
            let path = directory + "/" + name
            let prepared = try PreparedScenario(bytes: TextFile.read(path), file: path, library: library)
            var runner = prepared.runner()
            let result = runner.run()
            verdicts += result.verdicts.count
        }
        let seconds = (ContinuousClock.now - start).secondsDouble
        return BenchmarkResult(
            name: "scenario library (\(files.count) scenarios)", value: seconds, unit: "s",
            goal: "≤ 0.1 s", met: seconds <= 0.1,
            method: "validate and run every file in \(directory)/ in one process, trace off (\(verdicts) verdicts)")
    }
}
