import ArgumentParser
import Glibc
import Live
import Logging
import Scenario
import SimCore
import Transport

extension EVSESim {
    struct Console: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Type RAPI commands by hand: $, checksum and CR are added, replies shown with a time.",
            discussion: """
                Opens the pty (or serial device) given, or with none serves a station in this process on a fresh \
                pty, and sends each line read from standard input as a RAPI command: `GS`, `$SC 16`, `sc 16` all \
                work (the command letters are upper-cased; a typed ^xx or *xx checksum is sent as written). \
                Replies and asynchronous lines ($AT, $AB, $WF, …) are printed each on its own line with the \
                wall-clock time (UTC); --raw prints exact bytes, escaped. Reads lines, so it works piped too: \
                it stops once the input ends and the controller has been quiet for a moment.

                Examples:
                  evsesim console /tmp/evsesim-0
                  printf 'GV\\nGS\\n' | evsesim console
                  evsesim console --raw --station openevse-8.2.3-eu

                \(Outcome.helpText)
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The pty to open (none: serve a station here).", valueName: "pty"))
        var device: String?

        @Flag(help: "Show exact bytes (escaped) instead of lines.")
        var raw = false

        @Option(
            help: ArgumentHelp("Station profile of the station served without a pty argument.", valueName: "profile"))
        var station: String?

        func validate() throws {
            if device != nil, station != nil {
                throw ValidationError("--station is for the station the console serves; drop it or the pty")
            }
        }

        func run() throws {
            global.bootstrapLogging()
            var stop: (() -> Void)?
            var path = device
            if path == nil {
                let library = try global.library()
                let profile = try library.stationProfile(
                    ProfileSelection(profile: station ?? "openevse-8.2.3-us"), file: "--station")
                let vehicle = try library.vehicleProfile(nil, file: "--vehicle")
                let link = "/tmp/evsesim-console-\(getpid())"
                var configuration = LiveFleetConfiguration(
                    station: profile, vehicle: vehicle, wallTime: WallTime(startEpochSeconds: Int64(time(nil))),
                    ptyPath: link)
                configuration.systemID = nil
                stop = try RAPIConsole.spawnStation(configuration, logger: Logger(label: "evsesim.console"))
                path = link
                Terminal.writeOut("station \(profile.id) on \(link); type RAPI commands (GS, GV, SC 16, …)\n")
            }
            defer { stop?() }
            let console = try RAPIConsole(path: path!, raw: raw) { Terminal.writeOut($0) }
            console.run()
        }
    }
}
