import ArgumentParser

/// `evsesim`: a hardware-in-the-loop EVSE simulator.
@main
struct EVSESim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evsesim",
        abstract: "A deterministic EV charging station simulator: OpenEVSE RAPI on a pty, EVerest API on MQTT.",
        discussion: """
            Run scripted sessions from JSON scenario files (fast, deterministic, with verdicts), \
            or serve a live station on a pseudo-terminal and an MQTT broker for a client under test.

            Examples:
              evsesim run Scenarios/
              evsesim run Scenarios/full-session-to-target-soc.json --seed 7 --trace out.jsonl
              evsesim validate Scenarios/ Profiles/fleets/
              evsesim list

            \(Outcome.helpText)
            """,
        version: "0.1.0",
        subcommands: [Run.self, Serve.self, Validate.self, List.self, Bench.self, Report.self, Replay.self, Console.self]
    )
}
