import ArgumentParser
import EVSEModel
import RAPI
import Scenario
import Transport

extension EVSESim {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List station and vehicle profiles and the scenario library.")

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Folder of scenario files to list.", valueName: "dir"))
        var scenarios: String = "Scenarios"

        @Flag(help: "Print the RAPI command table (Markdown) instead.")
        var rapiCommands = false

        @Flag(help: "Print the keys scenario conditions and expectations can read (Markdown) instead.")
        var conditionKeys = false

        func run() throws {
            global.bootstrapLogging()
            if conditionKeys {
                print(StationConditions.markdownTable)
                return
            }
            if rapiCommands {
                print(RAPICommandTable.markdown(firmwares: RAPIFirmware.allCases))
                return
            }
            let library = try global.library()
            print("Station profiles (\(library.directory)/stations):")
            for name in library.stationNames {
                print("  \(name.padding(24))\(library.stations[name]?["description"]?.stringValue ?? "")")
            }
            print("\nVehicle profiles (\(library.directory)/vehicles):")
            for name in library.vehicleNames {
                print("  \(name.padding(24))\(library.vehicles[name]?["description"]?.stringValue ?? "")")
            }
            let files = ScenarioFiles.list(in: scenarios)
            guard !files.isEmpty else { return }
            print("\nScenarios (\(scenarios)):")
            for file in files {
                let path = scenarios + "/" + file
                let name = (try? PreparedScenario(bytes: TextFile.read(path), file: path, library: library))?.document
                    .name
                print("  \(file.padding(44))\(name ?? "(invalid: run evsesim validate \(path))")")
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
