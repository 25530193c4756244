import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A CSMS built with the `ocpp` Python package (mobilityhouse) and `websockets` on a free
/// loopback port, as the OCPP tests use: it answers every call Accepted, counts the frames in
/// both directions (printed with the wall time every 0.25 s) and prints the first MeterValues
/// frame it receives, so the floor can send the very same bytes. Stopped by its PID.
final class OCPPBenchCSMS {
    let port: Int
    private let process = Process()
    private let output = Pipe()
    private var text = ""

    /// The Python that has `ocpp` and `websockets`: tools/test's venv, or `python3`.
    static var python: String {
        let venv = "/tmp/evsesim-venv/bin/python"
        return access(venv, X_OK) == 0 ? venv : "/usr/bin/python3"
    }

    /// Starts the CSMS and waits (up to 20 s) until it listens.
    init() throws {
        port = LiveBenchmarkSupport.freePort()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = ["-c", Self.script, String(port)]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !text.contains("ready\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty || Date() > deadline {
                stop()
                throw BenchmarkSetupError(
                    "the OCPP bench CSMS did not start: \(Self.python) needs the ocpp and websockets packages "
                        + "(tools/test installs them into /tmp/evsesim-venv)")
            }
            text += String(decoding: data, as: UTF8.self)
        }
    }

    /// Stops the CSMS and returns its frame counts: (wall time since 1970, frames so far), in order.
    func finish() -> (counts: [(Double, Double)], sample: String?) {
        stop()
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        var counts: [(Double, Double)] = []
        var sample: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("count ") {
                let fields = line.split(separator: " ")
                if fields.count == 3, let t = Double(fields[1]), let n = Double(fields[2]) { counts.append((t, n)) }
            } else if line.hasPrefix("sample "), sample == nil {
                sample = String(line.dropFirst("sample ".count))
            }
        }
        return (counts, sample)
    }

    /// The first MeterValues frame seen so far (the floor needs it before the CSMS stops).
    func sampleFrame() -> String? {
        readAvailable().first { $0.hasPrefix("sample ") }.map { String($0.dropFirst("sample ".count)) }
    }

    private func readAvailable() -> [Substring] {
        // The CSMS prints a count line every 0.25 s, so a read never waits long.
        text += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        return text.split(separator: "\n")
    }

    private func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }

    /// Frames counted between wall times `from` and `to` (seconds since 1970), interpolated.
    static func frames(_ counts: [(Double, Double)], from: Double, to: Double) -> Double {
        func at(_ t: Double) -> Double {
            guard let after = counts.firstIndex(where: { $0.0 >= t }) else { return counts.last?.1 ?? 0 }
            guard after > 0 else { return counts[after].1 }
            let (t0, n0) = counts[after - 1]
            let (t1, n1) = counts[after]
            return n0 + (n1 - n0) * (t - t0) / max(t1 - t0, 1e-9)
        }
        return at(to) - at(from)
    }

    static let script = """
        import asyncio, signal, sys, time
        from datetime import datetime, timezone
        import websockets
        from ocpp.routing import on
        from ocpp.v16 import ChargePoint, call_result
        from ocpp.v16.enums import Action, AuthorizationStatus, RegistrationStatus

        frames = 0
        sample = None
        transactions = 0
        def now():
            return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")

        class Counting:
            def __init__(self, ws):
                self.ws = ws
            async def recv(self):
                global frames, sample
                message = await self.ws.recv()
                frames += 1
                if sample is None and '"MeterValues"' in message:
                    sample = message
                    print("sample " + message, flush=True)
                return message
            async def send(self, message):
                global frames
                frames += 1
                await self.ws.send(message)

        class CSMS(ChargePoint):
            @on(Action.boot_notification)
            def on_boot(self, **kwargs):
                return call_result.BootNotification(current_time=now(), interval=300, status=RegistrationStatus.accepted)
            @on(Action.heartbeat)
            def on_heartbeat(self):
                return call_result.Heartbeat(current_time=now())
            @on(Action.status_notification)
            def on_status(self, **kwargs):
                return call_result.StatusNotification()
            @on(Action.authorize)
            def on_authorize(self, **kwargs):
                return call_result.Authorize(id_tag_info={"status": AuthorizationStatus.accepted})
            @on(Action.start_transaction)
            def on_start_transaction(self, **kwargs):
                global transactions
                transactions += 1
                return call_result.StartTransaction(
                    transaction_id=transactions, id_tag_info={"status": AuthorizationStatus.accepted})
            @on(Action.stop_transaction)
            def on_stop_transaction(self, **kwargs):
                return call_result.StopTransaction()
            @on(Action.meter_values)
            def on_meter_values(self, **kwargs):
                return call_result.MeterValues()

        async def handler(ws):
            cp = CSMS(ws.request.path.rstrip("/").split("/")[-1], Counting(ws))
            try:
                await cp.start()
            except websockets.exceptions.ConnectionClosed:
                pass

        async def main():
            loop = asyncio.get_running_loop()
            done = loop.create_future()
            loop.add_signal_handler(signal.SIGTERM, lambda: done.done() or done.set_result(None))
            async with websockets.serve(handler, "127.0.0.1", int(sys.argv[1]), subprotocols=["ocpp1.6"]):
                print("ready", flush=True)
                while not done.done():
                    print(f"count {time.time():.3f} {frames}", flush=True)
                    await asyncio.wait([done], timeout=0.25)
            print(f"count {time.time():.3f} {frames}", flush=True)

        asyncio.run(main())
        """
}
