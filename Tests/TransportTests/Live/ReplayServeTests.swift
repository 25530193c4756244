import Foundation
import Glibc
import Testing

extension LiveServeTests {
    /// `evsesim serve --trace` recorded with real clients, then `evsesim replay` and
    /// `evsesim console` as a person uses them, all as separate processes.
    @Suite("Record, replay and the console, end to end")
    struct ReplayServeTests {
        /// Runs `evsesim` with `arguments` to its end; its exit status and standard output.
        static func evsesim(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let executable = try #require(LiveSetup.executable, "evsesim is not built")
            let process = try TestProcess(executable, arguments)
            try #require(process.waitForExit(timeout: .seconds(60)), "evsesim \(arguments) did not end")
            return (process.exitStatus, process.text + process.errorText)
        }

        @Test(
            "a serve session driven by python-openevse and MQTT commands replays identically, converts to a green scenario; an edited reply diverges",
            .enabled(if: LiveSetup.openevsePython != nil, "python-openevse venv missing: run tools/test"))
        func recordReplayConvert() throws {
            let broker = sharedBrokerPort == nil ? try TestBroker() : nil
            try broker?.start()
            let port = try #require(sharedBrokerPort ?? broker?.port)
            let link = uniqueLinkPath("replay")
            let evse = "replay_\(getpid())"
            let system = "replay_system_\(getpid())"
            let trace = LiveSetup.temporaryPath("live.jsonl")
            let scenario = LiveSetup.temporaryPath("regression.json")
            defer {
                unlink(trace)
                unlink(scenario)
            }
            let serve = try ServeProcess([
                "--pty", link, "--mqtt", "mqtt://127.0.0.1:\(port)", "--evse-id", evse, "--system-id", system,
                "--trace", trace,
            ])
            try #require(serve.waitUntilServing(), "serve did not start: \(serve.stderr)")

            let client = try LiveSetup.client("openevse_session.py", [link, "0.5"], python: LiveSetup.openevsePython)
            try #require(client.waitForExit(timeout: .seconds(30)), "python-openevse hung")
            let result = try client.jsonResult()
            #expect((result["version"] as? [String: Any])?["value"] != nil, "client: \(result)")

            for (topic, message) in [
                ("everest_api/\(evse)/cmd/set_limit_amps", "10"),
                ("everest_api/\(evse)/cmd/pause_charging", ""),
                (
                    "everest_api/1/system/\(system)/e2m/get_boot_reason",
                    #"{"headers":{"replyTo":"r/\#(evse)"},"payload":null}"#
                ),
            ] {
                let peer = try publishWithPeer(port: port, topic: topic, message: message)
                #expect(peer.waitForExit(timeout: .seconds(10)))
            }
            // The trace is flushed once a simulated second: wait for the three commands in it.
            let arrived = waitUntil(timeout: .seconds(10)) {
                usleep(50_000)
                let text = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
                return text.components(separatedBy: "\"kind\":\"input.mqtt\"").count == 4
            }
            #expect(arrived, "the MQTT commands reached the trace")
            serve.signal(SIGTERM)
            #expect(serve.exitStatus(within: .seconds(10)) == 0, "stderr: \(serve.stderr)")

            let replay = try Self.evsesim(["replay", "--profiles", LiveSetup.profiles, trace])
            #expect(replay.status == 0, "\(replay.output)")
            #expect(replay.output.contains("identical"), "\(replay.output)")

            let convert = try Self.evsesim(["replay", trace, "--to-scenario", scenario])
            #expect(convert.status == 0, "\(convert.output)")
            #expect(
                convert.output.contains("2 MQTT steps") || convert.output.contains("3 MQTT steps"), "\(convert.output)")
            let run = try Self.evsesim(["run", "--profiles", LiveSetup.profiles, scenario])
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("PASS"), "\(run.output)")

            // A hand edit: the first reply now says something else.
            var lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
            let index = try #require(
                lines.firstIndex { $0.contains(#""kind":"rapi.out""#) && $0.contains(#""type":"reply""#) })
            lines[index] = lines[index].replacingOccurrences(of: "$OK", with: "$NK")
            try (lines.joined(separator: "\n") + "\n").write(toFile: trace, atomically: true, encoding: .utf8)
            let edited = try Self.evsesim(["replay", "--profiles", LiveSetup.profiles, trace])
            #expect(edited.status == 1, "\(edited.output)")
            #expect(edited.output.contains("(rapi.out, recorded line \(index + 1))"), "\(edited.output)")
            #expect(edited.output.contains("$NK"), "\(edited.output)")
        }

        /// Runs `evsesim console` (its own station) on a pty as a terminal would, types `gv`, then
        /// the up arrow and Enter (the same command from the history), then ends the input with
        /// Ctrl-D; prints everything the console showed.
        static let typist = #"""
            import os, pty, select, sys, time
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            seen = b""
            def read_until(marker, seconds):
                global seen
                deadline = time.monotonic() + seconds
                while marker not in seen and time.monotonic() < deadline:
                    ready, _, _ = select.select([fd], [], [], 0.1)
                    if ready:
                        try:
                            seen += os.read(fd, 4096)
                        except OSError:
                            break
            read_until(b"type RAPI commands", 15)
            os.write(fd, b"gv\r")
            read_until(b"$OK 8.2.3", 10)
            seen += b"\n--- up arrow, enter ---\n"
            os.write(fd, b"\x1b[A\r")
            read_until(b"$OK 8.2.3 5.2.1^2F\r\n", 1)
            read_until(b"never", 1.5)
            os.write(fd, b"\x04")
            read_until(b"\x00never", 3)
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(seen.decode("utf-8", "replace"))
            sys.stdout.write("\nEXIT %d\n" % os.waitstatus_to_exitcode(status))
            """#

        @Test(
            "a person types gv in the console on its own station, sees the version reply with a timestamp, repeats it with the up arrow"
        )
        func consoleByHand() throws {
            let executable = try #require(LiveSetup.executable, "evsesim is not built")
            let python = try #require(pythonExecutable(), "python3 is not installed")
            let typist = try TestProcess(
                python, ["-c", Self.typist, executable, "console", "--profiles", LiveSetup.profiles])
            try #require(typist.waitForExit(timeout: .seconds(40)), "console session hung: \(typist.text)")
            let shown = typist.text
            #expect(shown.contains("> $GV^35"), "\(shown)")
            let replies = shown.matches(of: /\d\d:\d\d:\d\d\.\d\d\d < \$OK 8\.2\.3 5\.2\.1\^2F/)
            #expect(replies.count == 2, "\(shown)")
            let parts = shown.components(separatedBy: "--- up arrow, enter ---")
            #expect(parts.count == 2 && parts[1].contains("> $GV^35"), "the history gave gv again: \(shown)")
            #expect(shown.contains("EXIT 0"), "\(shown)")
        }
    }
}
