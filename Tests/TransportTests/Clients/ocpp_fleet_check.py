#!/usr/bin/env python3
"""A fleet of live evsesim stations against the test CSMS (ocpp_csms.py) over real WebSockets:
every charge point `<id>_<k>` boots, reports both connectors, starts a transaction when its EV
plugs in (background scenario) and sends MeterValues; with --outage the CSMS is killed once the
first MeterValues arrived and restarted a few seconds later, and every station's samples still
arrive one per interval with none missing, its StopTransaction (at the unplug) carrying the id
its StartTransaction got; transaction ids are all distinct; every frame is valid against the
OCPP 1.6 JSON schemas. With --bench it also prints how many OCPP
messages per second went through and the CPU time evsesim spent per message (a benchmark, not
a check). Prints "N passed, M failed"."""
import argparse
import json
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ocpp_live_check import Checks, free_port, read_log, start_csms, validate  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--evsesim", required=True)
    parser.add_argument("--profiles", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--stations", type=int, default=100)
    parser.add_argument("--speed", default="x20")
    parser.add_argument("--duration", default="200s")
    parser.add_argument("--sample-interval", type=int, default=60)
    parser.add_argument("--bench", action="store_true")
    parser.add_argument("--outage", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    log = os.path.join(args.workdir, "csms.jsonl")
    scenario = os.path.join(args.workdir, "scenario.json")
    with open(scenario, "w") as f:
        json.dump({
            "schema": "evsesim/scenario@1", "name": "OCPP fleet check",
            "station": {"profile": "everest-yeti-3ph"},
            "vehicle": {"profile": "midsize-60kwh-3ph-11kw", "soc": 0.2, "targetSoc": 0.95},
            "ocpp": {"configuration": {"MeterValueSampleInterval": args.sample_interval,
                                       "MeterValuesSampledData": "Energy.Active.Import.Register,Power.Active.Import"}},
            "steps": [{"at": "5s", "do": "plug"}, {"at": "190s", "do": "unplug"}],
            "until": "+1h",
        }, f)
    port = free_port()
    csms_args = ["--port", str(port), "--log", log, "--state", os.path.join(args.workdir, "csms.state")]
    csms = start_csms(*csms_args)
    started = time.time()
    serve = subprocess.Popen(
        [args.evsesim, "serve", "--profiles", args.profiles, "--no-pty", "--no-system-api", "--stations",
         str(args.stations), "--speed", args.speed, "--scenario", scenario, "--duration", args.duration,
         "--ocpp", f"ws://127.0.0.1:{port}/ocpp", "--ocpp-id", "FLEET", "--ocpp-ping-interval", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        if args.outage:
            deadline = time.time() + 120
            while time.time() < deadline and not any(
                    f["dir"] == "in" and f["frame"][0] == 2 and f["frame"][2] == "MeterValues" for f in read_log(log)):
                time.sleep(0.1)
            csms.send_signal(signal.SIGKILL)
            csms.wait()
            time.sleep(3)
            csms = start_csms(*csms_args)
        output = serve.stdout.read()
        _, status, usage = os.wait4(serve.pid, 0)
        serve.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if serve.poll() is None:
            serve.kill()
        csms.send_signal(signal.SIGTERM)
        csms.wait()
    elapsed = time.time() - started
    frames = read_log(log)
    checks = Checks()
    checks.check(serve.returncode == 0, f"serve ended normally (exit {serve.returncode})")
    boots = {f["frame"][3]["chargePointSerialNumber"] for f in frames
             if f["dir"] == "in" and f["frame"][0] == 2 and f["frame"][2] == "BootNotification"}
    expected = {f"FLEET_{k}" for k in range(args.stations)}
    checks.check(boots == expected, f"all {args.stations} charge points booted ({len(boots)})")
    answers = {(f["cp"], f["frame"][1]): f["frame"][2] for f in frames if f["dir"] == "out" and f["frame"][0] == 3}
    ids = [answers.get((f["cp"], f["frame"][1]), {}).get("transactionId") for f in frames
           if f["dir"] == "in" and f["frame"][0] == 2 and f["frame"][2] == "StartTransaction"]
    checks.check(len(ids) == args.stations and len(set(ids)) == len(ids), f"{len(ids)} transactions, distinct ids")
    meter = [f for f in frames if f["dir"] == "in" and f["frame"][0] == 2 and f["frame"][2] == "MeterValues"]
    checks.check(len(meter) >= args.stations, f"{len(meter)} MeterValues")
    if args.outage:
        gaps_ok = True
        stops_ok = True
        by_cp = {}
        for f in meter:
            by_cp.setdefault(f["cp"], set()).add(f["frame"][3]["meterValue"][0]["timestamp"])
        for cp, stamps in by_cp.items():
            seconds = sorted(int(s[11:13]) * 3600 + int(s[14:16]) * 60 + int(s[17:19]) for s in stamps)
            if {b - a for a, b in zip(seconds, seconds[1:])} - {args.sample_interval}:
                gaps_ok = False
        starts = {f["cp"]: answers.get((f["cp"], f["frame"][1]), {}).get("transactionId") for f in frames
                  if f["dir"] == "in" and f["frame"][0] == 2 and f["frame"][2] == "StartTransaction"}
        stops = {f["cp"]: f["frame"][3]["transactionId"] for f in frames
                 if f["dir"] == "in" and f["frame"][0] == 2 and f["frame"][2] == "StopTransaction"}
        stops_ok = len(stops) == args.stations and all(stops[cp] == starts.get(cp) for cp in stops)
        checks.check(gaps_ok and len(by_cp) == args.stations,
                     f"through the CSMS outage every station's samples arrived, none missing ({len(by_cp)} stations)")
        checks.check(stops_ok, f"every StopTransaction carries its StartTransaction's id ({len(stops)} stops)")
    if not args.bench:
        validate(frames, checks)
    if args.bench:
        calls = len([f for f in frames if f["dir"] == "in" and f["frame"][0] == 2])
        cpu = usage.ru_utime + usage.ru_stime
        frames_total = len(frames)
        print(f"bench: {args.stations} stations, {frames_total} OCPP frames ({calls} calls from the stations) in "
              f"{elapsed:.1f} s: {frames_total / elapsed:.0f} frames/s; evsesim CPU {cpu:.2f} s = "
              f"{cpu / max(frames_total, 1) * 1e6:.0f} µs per frame")
    print(f"ocpp fleet check: {checks.passed} passed, {checks.failed} failed")
    sys.exit(0 if checks.failed == 0 else 1)


if __name__ == "__main__":
    main()
