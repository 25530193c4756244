import ArgumentParser

/// `evsesim`: a hardware-in-the-loop EVSE simulator.
@main
struct EVSESim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evsesim",
        abstract: "A deterministic EV charging station simulator: OpenEVSE RAPI on a pty, EVerest API on MQTT.",
        discussion: """
            Run scripted sessions from JSON scenario files (fast, deterministic, with verdicts), or serve a
            live station on a pseudo-terminal and an MQTT broker for a client under test.

            Examples:
              evsesim run Scenarios/*.json
              evsesim run Scenarios/full-session.json --seed 7 --trace out.jsonl
              evsesim validate my-scenario.json
              evsesim list
            """,
        version: "0.1.0",
        subcommands: [Run.self, Serve.self, Validate.self, List.self, Bench.self]
    )
}
