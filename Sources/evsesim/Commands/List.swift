import ArgumentParser
import EVSEModel
import Live
import RAPI
import Scenario
import Transport

extension EVSESim {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List station and vehicle profiles and the scenario library.",
            discussion: """
                Each station profile is shown with its phases, configured and hardware maximum current and \
                nominal voltage; each vehicle profile with its phases, current per phase and battery.

                Examples:
                  evsesim list
                  evsesim list --condition-keys
                """)

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
            print("Station profiles (\(library.directory)/stations): phases, configured/hardware max amps, voltage")
            for name in library.stationNames {
                let p = try library.stationProfile(ProfileSelection(profile: name), file: name)
                let supply = "\(p.phases)ph \(p.configuredMaxAmps)/\(p.hardwareMaxAmps) A \(format(p.nominalVoltage)) V"
                print(
                    "  \(name.padding(24))\(supply.padding(22))\(library.stations[name]?["description"]?.stringValue ?? "")"
                )
            }
            print("\nVehicle profiles (\(library.directory)/vehicles): phases, max amps per phase, battery")
            for name in library.vehicleNames {
                let p = try library.vehicleProfile(ProfileSelection(profile: name), file: name)
                let draw = "\(p.phases)ph \(format(p.maxCurrentAmps)) A \(format(p.batteryKWh)) kWh"
                print(
                    "  \(name.padding(24))\(draw.padding(22))\(library.vehicles[name]?["description"]?.stringValue ?? "")"
                )
            }
            let files = Folder.jsonFiles(in: scenarios)
            guard !files.isEmpty else { return }
            print("\nScenarios (\(scenarios)):")
            for file in files {
                let path = scenarios + "/" + file
                let name = (try? ScenarioInputs.prepare(path, library: library, limits: .standard))?.document
                    .name
                print("  \(file.padding(44))\(name ?? "(invalid: run evsesim validate \(path))")")
            }
        }
    }
}

/// `240`, `11.5`: a profile number without a needless `.0`.
func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
