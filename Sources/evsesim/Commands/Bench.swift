import ArgumentParser
import Benchmarks
import Scenario

extension EVSESim {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the simulator's speed and print one table.",
            discussion: "Build with -c release for meaningful figures: tools/bench does that and runs this command.")

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Also write the table as JSON here.", valueName: "file"))
        var json: String?

        @Flag(help: "Fewer repetitions and operations, for a quick check.")
        var quick = false

        @Flag(
            help:
                "Add the live figures (pty round trips from another process, MQTT at 1,000, 5,000 and 10,000 stations next to the libmosquitto floor, 100 ptys, OCPP at 1,000 stations next to its floor); needs python3 (with the ocpp package for OCPP) and mosquitto, about six minutes."
        )
        var live = false

        @Flag(help: "Only the live figures (implies --live).")
        var onlyLive = false

        @Flag(
            help:
                "Only the OCPP figures: 1,000 stations sending MeterValues every 10 s to a CSMS built with the ocpp Python package, next to the floor; about three minutes."
        )
        var onlyOCPP = false

        @Flag(
            help:
                "Only the MQTT figures: 1,000, 5,000 and 10,000 stations publishing at 1 Hz to a private mosquitto, each next to the libmosquitto floor; about three minutes."
        )
        var onlyMQTT = false

        func run() throws {
            global.bootstrapLogging()
            let library = try global.library()
            var results: [BenchmarkResult] = []
            if onlyOCPP {
                results += try OCPPThroughputBenchmark.run(library: library, stations: 1000, seconds: quick ? 45 : 65)
            }
            if onlyMQTT { results += try mqttFigures(library) }
            if !onlyLive && !onlyOCPP && !onlyMQTT { results += try offlineFigures(library) }
            if (live || onlyLive) && !onlyOCPP && !onlyMQTT {
                results += try PTYLatencyBenchmark.run(library: library, quick: quick)
                results += try mqttFigures(library)
                results.append(try PTYThroughputBenchmark.run(library: library, stations: 100, quick: quick))
                results += try OCPPThroughputBenchmark.run(library: library, stations: 1000, seconds: quick ? 45 : 65)
            }
            print(BenchmarkTable.markdown(results))
            if let json { try BenchmarkTable.writeJSON(results, to: json) }
        }

        func mqttFigures(_ library: ProfileLibrary) throws -> [BenchmarkResult] {
            var results: [BenchmarkResult] = []
            for stations in quick ? [1000] : [1000, 5000, 10000] {
                results += try MQTTThroughputBenchmark.run(
                    library: library, stations: stations, seconds: quick ? 8 : 20)
            }
            return results
        }

        func offlineFigures(_ library: ProfileLibrary) throws -> [BenchmarkResult] {
            // Memory first: its RSS growth would not count pages that earlier benchmarks freed.
            var results = [try MemoryBenchmark.run(library: library, count: quick ? 1000 : 10000)]
            results.append(EngineBenchmark.run(operations: quick ? 2_000_000 : 20_000_000, repeats: quick ? 1 : 3))
            results.append(try SessionBenchmark.run(library: library, trace: false, repeats: quick ? 1 : 5))
            results.append(try SessionBenchmark.run(library: library, trace: true, repeats: quick ? 1 : 3))
            results.append(try SessionBenchmark.run(library: library, trace: true, telemetry: true, repeats: 1))
            results.append(try LibraryBenchmark.run(library: library))
            return results
        }
    }
}
