#!/usr/bin/env python3
"""Drives live evsesim stations through the OCPP scenarios over real sockets, one station or a
whole fleet at once, and prints a JSON summary on stdout.

Three processes: `evsesim serve --ocpp … --control …` (the stations), the test CSMS
(ocpp_csms.py, the `ocpp` package on `websockets`, on a loopback port) and this driver. The
driver plays the physical side through serve's control API (plug, unplug, GFI fault: the same
actions a scenario's `do` steps take) and the CSMS side through the CSMS's command port (every
CSMS call is sent by the CSMS process itself); it follows what each charge point sent in the
CSMS's frame log. One asyncio coroutine a station runs the scenarios in order, so the same code
drives one station or a hundred concurrently:

  boot-heartbeat-clock, authorised-session, remote-start-stop, smart-charging,
  offline-queueing (the CSMS process is killed mid-transaction and restarted, once for all),
  change-availability, gfi-fault, firmware-update (from a real HTTP server on loopback).

They follow Scenarios/ocpp-*.json, the fast-mode versions. Every frame both ways is also
validated against the OCPP 1.6 JSON schemas the `ocpp` package ships.

The summary: {"stations": N, "wallSeconds": …, "serveExit": …, "scenarios": {name: {"passed":
stations that passed every check of it, "checks": {check: {"passed": n, "failures": [{"station":
id, "expected": …, "found": …}]}}}}, "fleet": {check: {"passed": bool, "expected": …, "found": …}}}.
Exit status 0 when everything passed."""
import argparse
import asyncio
import contextlib
import ctypes
import http.server
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ocpp_live_check import free_port, read_log, start_csms, validate  # noqa: E402
from ocpp_scenarios import (  # noqa: E402
    BOOT_INTERVAL, HEARTBEAT_OFFSET, PENDING_INTERVAL, SCENARIOS, Abort, Station)

CLOCK_BASE = "2030-06-01T16:00:00Z"  # far from the serve's own start date, so a set clock shows


def die_with_parent():
    """In a child before exec: SIGKILL when the driver ends, however it ends (prctl PR_SET_PDEATHSIG)."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)


class Frames:
    """Follows the CSMS's frame log: each charge point's calls, in order, with the CSMS's answers."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.calls = {}  # cp → [{"action", "payload", "answer", "id"}]
        self.pending = {}  # (cp, message id) → call awaiting its answer

    def poll(self):
        if not os.path.exists(self.path):
            return
        with open(self.path) as f:
            f.seek(self.offset)
            data = f.read()
        end = data.rfind("\n") + 1
        self.offset += len(data[:end].encode())
        for line in data[:end].splitlines():
            record = json.loads(line)
            frame, cp = record["frame"], record["cp"]
            if record["dir"] == "in" and frame[0] == 2:
                call = {"action": frame[2], "payload": frame[3], "answer": None, "id": frame[1]}
                self.calls.setdefault(cp, []).append(call)
                self.pending[(cp, frame[1])] = call
            elif record["dir"] == "out" and frame[0] in (3, 4):
                call = self.pending.pop((cp, frame[1]), None)
                if call is not None:
                    call["answer"] = frame[2] if frame[0] == 3 else {"callError": frame[2]}

    async def follow(self):
        while True:
            self.poll()
            await asyncio.sleep(0.05)


class CSMSClient:
    """The CSMS process's command port: a call to a charge point, answered with its reply."""

    def __init__(self):
        self.writer = None
        self.futures = {}
        self.next_id = 0

    async def connect(self, port):
        reader, self.writer = await asyncio.open_connection("127.0.0.1", port)
        asyncio.get_running_loop().create_task(self._read(reader))

    async def _read(self, reader):
        while line := await reader.readline():
            answer = json.loads(line)
            future = self.futures.pop(answer["id"], None)
            if future and not future.done():
                future.set_result(answer)
        for future in self.futures.values():
            if not future.done():
                future.set_result({"error": "the CSMS went away"})
        self.futures.clear()

    async def call(self, cp, action, payload):
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.futures[self.next_id] = future
        self.writer.write((json.dumps({"id": self.next_id, "cp": cp, "call": action, "payload": payload}) + "\n").encode())
        await self.writer.drain()
        answer = await asyncio.wait_for(future, 60)
        if "error" in answer:
            raise Abort(f"{action} to {cp}: {answer['error']}")
        return answer["reply"]

class Gate:
    """Set once every station (each task counted once) has passed it."""

    def __init__(self, count):
        self.count = count
        self.tasks = set()
        self.done = asyncio.Event()

    def passed(self):
        self.tasks.add(asyncio.current_task())
        if len(self.tasks) == self.count:
            self.done.set()

class Run:
    """The three processes and the stations' coroutines."""

    def __init__(self, args):
        self.args = args
        self.speed = args.speed
        self.sample = args.sample_interval
        self.fetched = set()
        self.workdir = args.workdir
        self.log = os.path.join(self.workdir, "csms.jsonl")
        self.frames = Frames(self.log)
        self.csms = CSMSClient()
        self.port = free_port()
        self.csms_port = free_port()
        self.clock_start = time.time()

    def start_csms(self, first):
        return start_csms(
            "--port", str(self.port), "--log", self.log, "--state", os.path.join(self.workdir, "csms.state"),
            "--control-port", str(self.csms_port), "--heartbeat-interval", str(BOOT_INTERVAL),
            "--heartbeat-offset", str(HEARTBEAT_OFFSET), "--clock-base", CLOCK_BASE,
            "--clock-start", str(self.clock_start), "--clock-speed", str(self.speed),
            *(["--boot-pending", str(PENDING_INTERVAL)] if first else []),
            stderr=open(os.path.join(self.workdir, "csms.stderr"), "a"), preexec_fn=die_with_parent)

    def start_http(self):
        run = self

        class Firmware(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                run.fetched.add(self.path)
                body = b"evsesim test firmware " + self.path.encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Firmware)
        self.http_port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def start_serve(self):
        scenario = os.path.join(self.workdir, "scenario.json")
        with open(scenario, "w") as f:
            json.dump({
                "schema": "evsesim/scenario@1", "name": "OCPP scenarios over sockets",
                "station": {"profile": "everest-yeti-3ph"},
                "vehicle": {"profile": "midsize-60kwh-3ph-11kw", "soc": 0.2, "targetSoc": 0.95},
                "ocpp": {"configuration": {
                    "MeterValueSampleInterval": self.sample, "ConnectionTimeOut": 600,
                    "MeterValuesSampledData": "Energy.Active.Import.Register,Current.Import,Current.Offered"}},
                "steps": [], "until": "+1s",
            }, f)
        self.serve_out = os.path.join(self.workdir, "serve.out")
        self.serve = subprocess.Popen(
            [self.args.evsesim, "serve", "--profiles", self.args.profiles, "--no-pty", "--stations",
             str(self.args.stations), "--speed", f"x{self.speed:g}", "--scenario", scenario, "--duration", "6h",
             "--ocpp", f"ws://127.0.0.1:{self.port}/ocpp", "--ocpp-id", "SCN", "--ocpp-ping-interval", "0",
             "--control", "127.0.0.1:0"],
            stdout=open(self.serve_out, "w"), stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
        deadline = time.time() + 60
        while time.time() < deadline:
            text = open(self.serve_out).read()
            if "control API and dashboard: http://127.0.0.1:" in text:
                self.control_port = int(text.split("control API and dashboard: http://127.0.0.1:")[1].split("/")[0])
                return
            if self.serve.poll() is not None:
                break
            time.sleep(0.1)
        raise SystemExit(f"serve did not start:\n{open(self.serve_out).read()}")

    # The one CSMS outage: every station arrives mid-transaction, the CSMS is killed, each does
    # its offline part and leaves, the CSMS is restarted.
    async def outage(self):
        await self.arrived.done.wait()
        self.csms_process.send_signal(signal.SIGKILL)
        self.csms_process.wait()
        self.outage_started.set()
        await self.left.done.wait()
        # On the loop's own thread: PR_SET_PDEATHSIG follows the thread that started the child.
        self.csms_process = self.start_csms(False)
        await self.csms.connect(self.csms_port)
        self.outage_ended.set()

    async def main(self):
        self.arrived, self.left = Gate(self.args.stations), Gate(self.args.stations)
        self.outage_started, self.outage_ended = asyncio.Event(), asyncio.Event()
        follower = asyncio.get_running_loop().create_task(self.frames.follow())
        await self.csms.connect(self.csms_port)
        ids = [f"SCN_{k}" if self.args.stations > 1 else "SCN" for k in range(self.args.stations)]
        self.stations = [Station(self, k, cp) for k, cp in enumerate(ids)]
        outage = asyncio.get_running_loop().create_task(self.outage())
        await asyncio.gather(*(s.scenarios() for s in self.stations))
        await outage
        follower.cancel()
        self.frames.poll()

    def summary(self, validation):
        scenarios = {}
        for name in SCENARIOS:
            checks = {}
            passed = 0
            for station in self.stations:
                results = station.results.get(name, {})
                passed += bool(results) and all(ok for ok, _, _ in results.values())
                for check, (ok, expected, found) in results.items():
                    entry = checks.setdefault(check, {"passed": 0, "failures": []})
                    if ok:
                        entry["passed"] += 1
                    else:
                        entry["failures"].append({"station": station.cp, "expected": expected, "found": found})
            wall = max(s.walls.get(name, 0) for s in self.stations)
            scenarios[name] = {"passed": passed, "wallSeconds": round(wall, 1), "checks": checks}
        ids = [c["answer"]["transactionId"] for calls in self.frames.calls.values() for c in calls
               if c["action"] == "StartTransaction" and c["answer"]]
        fleet = {
            "transaction ids distinct across the fleet and the CSMS restart": {
                "passed": len(ids) == len(set(ids)) and len(ids) >= 8 * len(self.stations),
                "expected": f"≥ {8 * len(self.stations)} distinct ids (8 transactions a station)", "found": f"{len(set(ids))} of {len(ids)}"},
            "every frame valid against the OCPP 1.6 schemas": validation,
        }
        return {"stations": len(self.stations), "scenarios": scenarios, "fleet": fleet}


class Validation:
    """Collects what ocpp_live_check.validate reports, for the summary."""

    def __init__(self):
        self.result = None

    def check(self, ok, what):
        self.result = {"passed": bool(ok), "expected": "no schema violation", "found": what}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--evsesim", required=True)
    parser.add_argument("--profiles", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--stations", type=int, default=1)
    parser.add_argument("--speed", type=float, default=30, help="serve's --speed factor")
    parser.add_argument("--sample-interval", type=int, default=10, help="MeterValueSampleInterval, simulated seconds")
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    started = time.time()
    run = Run(args)
    run.start_http()
    run.csms_process = run.start_csms(True)
    run.start_serve()
    try:
        asyncio.run(run.main())
    finally:
        run.serve.send_signal(signal.SIGTERM)
        try:
            serve_exit = run.serve.wait(30)
        except subprocess.TimeoutExpired:
            run.serve.kill()
            serve_exit = run.serve.wait()
        run.csms_process.send_signal(signal.SIGTERM)
        run.csms_process.wait()
    validation = Validation()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # validate prints the first violations: into the summary
        validate(read_log(run.log), validation)
    validation.result["found"] = (validation.result["found"] + "\n" + printed.getvalue()).strip()
    summary = run.summary(validation.result)
    summary["wallSeconds"] = round(time.time() - started, 1)
    summary["serveExit"] = serve_exit
    # Stopped by our SIGTERM (143) after a run in which nothing went wrong inside serve.
    summary["fleet"]["serve ran until stopped"] = {
        "passed": serve_exit in (0, 143, -signal.SIGTERM), "expected": "exit 0 or 143 (our SIGTERM)",
        "found": serve_exit}
    print(json.dumps(summary, indent=1))
    ok = all(s["passed"] == len(run.stations) for s in summary["scenarios"].values()) and all(
        c["passed"] for c in summary["fleet"].values())
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
