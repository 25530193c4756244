import Foundation

/// A RAPI-style client in a separate Python process (standard library only: os + termios),
/// following a plan of steps and printing what it saw as JSON when done.
struct PTYClient {
    /// One step of the client's plan.
    struct Step: Encodable {
        var op: String
        var path: String?
        var data: String?
        var until: String?
        var count: Int?
        var timeout: Double?
        var seconds: Double?

        static func open(_ path: String) -> Step { Step(op: "open", path: path) }
        static func write(_ data: String) -> Step { Step(op: "write", data: data) }
        /// Reads until `until` has been seen `count` times, or `timeout` seconds pass.
        static func read(until: String? = nil, count: Int = 1, timeout: Double = 3) -> Step {
            Step(op: "read", until: until, count: count, timeout: timeout)
        }
        /// Switches the line to cooked mode with echo, as a careless terminal program would.
        static let cookedEcho = Step(op: "cooked")
        /// Records whether ECHO and ICANON are set.
        static let recordTermios = Step(op: "termios")
        static func sleep(_ seconds: Double) -> Step { Step(op: "sleep", seconds: seconds) }
        static let close = Step(op: "close")
    }

    /// What the client printed.
    struct Result: Decodable {
        var reads: [String]
        var echo: Bool?
        var icanon: Bool?
        var error: String?
    }

    static let script = #"""
        import json, os, select, sys, termios, time
        plan = json.loads(sys.argv[1])
        out = {"reads": []}
        fd = None
        def read_step(step):
            data = b""
            until = step.get("until")
            count = step.get("count") or 1
            end = time.monotonic() + (step.get("timeout") or 3)
            while True:
                left = end - time.monotonic()
                if left <= 0:
                    break
                ready, _, _ = select.select([fd], [], [], left)
                if not ready:
                    break
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
                if until is not None and data.count(until.encode("latin-1")) >= count:
                    break
            return data.decode("latin-1")
        try:
            for step in plan:
                op = step["op"]
                if op == "open":
                    fd = os.open(step["path"], os.O_RDWR | os.O_NOCTTY)
                elif op == "write":
                    os.write(fd, step["data"].encode("latin-1"))
                elif op == "read":
                    out["reads"].append(read_step(step))
                elif op == "cooked":
                    attrs = termios.tcgetattr(fd)
                    attrs[0] |= termios.ICRNL
                    attrs[1] |= termios.OPOST | termios.ONLCR
                    attrs[3] |= termios.ECHO | termios.ICANON | termios.ISIG
                    termios.tcsetattr(fd, termios.TCSANOW, attrs)
                elif op == "termios":
                    attrs = termios.tcgetattr(fd)
                    out["echo"] = bool(attrs[3] & termios.ECHO)
                    out["icanon"] = bool(attrs[3] & termios.ICANON)
                elif op == "sleep":
                    time.sleep(step["seconds"])
                elif op == "close":
                    os.close(fd)
                    fd = None
        except Exception as error:
            out["error"] = repr(error)
        print(json.dumps(out))
        sys.stdout.flush()
        """#

    /// Starts a client process that follows `plan`.
    static func start(_ plan: [Step]) throws -> TestProcess {
        guard let python = pythonExecutable() else { throw TestSetupError("python3 is not installed") }
        let encoded = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        return try TestProcess(python, ["-c", script, encoded])
    }

    /// The client's report, once it has exited.
    static func result(of process: TestProcess) throws -> Result {
        let text = process.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let line = text.split(separator: "\n").last else {
            throw TestSetupError("pty client printed nothing; stderr: \(process.errorText)")
        }
        return try JSONDecoder().decode(Result.self, from: Data(line.utf8))
    }
}

/// A test could not set up what it needs.
struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
