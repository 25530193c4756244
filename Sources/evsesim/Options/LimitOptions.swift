import ArgumentParser
import Scenario

/// `--max-file-size`, `--max-steps`, `--max-span`, `--max-values`: the bounds on one scenario file (README "Limits").
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Largest scenario or fleet file read, in bytes.", valueName: "bytes"))
    var maxFileSize: Int = ScenarioLimits.standard.fileBytes

    @Option(help: ArgumentHelp("Most steps in one scenario.", valueName: "count"))
    var maxSteps: Int = ScenarioLimits.standard.steps

    @Option(help: ArgumentHelp("Latest end of a scenario's run, e.g. 31d or 8760h.", valueName: "duration"))
    var maxSpan: PositiveDuration = PositiveDuration(ScenarioLimits.standard.span)

    @Option(help: ArgumentHelp("Most JSON values (numbers, strings, arrays, ...) in one file.", valueName: "count"))
    var maxValues: Int = ScenarioLimits.standard.values

    func validate() throws {
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be at least 1 byte") }
        guard maxSteps > 0 else { throw ValidationError("--max-steps must be at least 1") }
        guard maxValues > 0 else { throw ValidationError("--max-values must be at least 1") }
    }

    var limits: ScenarioLimits {
        ScenarioLimits(fileBytes: maxFileSize, steps: maxSteps, span: maxSpan.value, values: maxValues)
    }
}
