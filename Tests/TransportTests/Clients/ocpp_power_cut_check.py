#!/usr/bin/env python3
"""Drives one live evsesim station through a power cut against the separate-process test CSMS
(ocpp_csms.py) over a real WebSocket and checks what the CSMS sees:

1. boot, then a transaction of the EV plugged in (id 1) with MeterValues every 30 s;
2. the power cut closes the WebSocket (serve logs it) and nothing arrives while the power is off;
3. power back: a new WebSocket (serve logs a second connection), BootNotification first on it,
   then the queued transaction messages: transaction 1's StopTransaction with reason PowerLoss,
   after all its MeterValues; the EV still plugged in starts transaction 2, which stops at the
   unplug with reason EVDisconnected;
4. the session's trace (with the CSMS's frames and the connection changes as `input.ocpp`)
   replays identically with `evsesim replay`.

Every frame in both directions is validated against the OCPP 1.6 JSON schemas the `ocpp`
package ships. Prints "N passed, M failed"."""
import argparse
import json
import os
import subprocess
import sys

from ocpp_live_check import Checks, calls, free_port, read_log, start_csms, validate


SCENARIO = {
    "schema": "evsesim/scenario@1",
    "name": "OCPP power cut, live",
    "station": {"profile": "everest-yeti-3ph"},
    "vehicle": {"profile": "midsize-60kwh-3ph-11kw", "soc": 0.3, "targetSoc": 0.9},
    "ocpp": {"configuration": {"MeterValueSampleInterval": 30, "MeterValuesSampledData": "Energy.Active.Import.Register"}},
    "steps": [
        {"at": "10s", "do": "plug"},
        {"at": "100s", "do": "powerCut", "for": "60s"},
        {"at": "260s", "do": "unplug"},
    ],
    "until": "300s",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--evsesim", required=True)
    parser.add_argument("--profiles", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    log = os.path.join(args.workdir, "csms.jsonl")
    state = os.path.join(args.workdir, "csms.state")
    scenario = os.path.join(args.workdir, "scenario.json")
    trace = os.path.join(args.workdir, "live.jsonl")
    with open(scenario, "w") as f:
        json.dump(SCENARIO, f)
    port = free_port()
    csms = start_csms("--port", str(port), "--log", log, "--state", state)
    serve = subprocess.Popen(
        [args.evsesim, "serve", "--profiles", args.profiles, "--no-pty", "--speed", "x20", "--scenario", scenario,
         "--duration", "300s", "--ocpp", f"ws://127.0.0.1:{port}/ocpp", "--ocpp-id", "CP-CUT", "--trace", trace],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = serve.communicate(timeout=120)
    finally:
        if serve.poll() is None:
            serve.kill()
        csms.terminate()
        csms.wait()
    checks = Checks()
    frames = read_log(log)
    inbound = [f["frame"] for f in frames if f["dir"] == "in" and f["frame"][0] == 2]
    actions = [c[2] for c in inbound]
    checks.check(serve.returncode == 0, f"serve ended normally (exit {serve.returncode})")
    boots = [i for i, a in enumerate(actions) if a == "BootNotification"]
    checks.check(len(boots) == 2 and boots[0] == 0, f"two registrations, one per connection: at {boots}")
    checks.check("ocpp connection closed: the station lost power" in output, "serve logged the power cut closing the WebSocket")
    checks.check(output.count("ocpp connected") == 2, f"a second WebSocket after the power came back: {output.count('ocpp connected')} connections")
    starts = calls(frames, "StartTransaction")
    answers = {f["frame"][1]: f["frame"][2] for f in frames if f["dir"] == "out" and f["frame"][0] == 3}
    start_ids = [answers.get(c[1], {}).get("transactionId") for c in inbound if c[2] == "StartTransaction"]
    checks.check(len(starts) == 2 and start_ids == [1, 2], f"transactions 1 then 2: {start_ids}")
    stops = [(s["transactionId"], s["reason"]) for s in calls(frames, "StopTransaction")]
    checks.check(stops == [(1, "PowerLoss"), (2, "EVDisconnected")], f"stops: {stops}")
    if len(boots) == 2:
        after = actions[boots[1]:]
        stop1 = next((i for i, c in enumerate(inbound) if c[2] == "StopTransaction"), None)
        checks.check(stop1 is not None and stop1 > boots[1], f"the PowerLoss stop comes on the new connection, after its boot: {after[:6]}")
        meter1 = [i for i, c in enumerate(inbound) if c[2] == "MeterValues" and c[3].get("transactionId") == 1]
        checks.check(len(meter1) >= 2 and stop1 is not None and max(meter1) < stop1,
                     f"transaction 1's {len(meter1)} MeterValues all before its StopTransaction")
    validate(frames, checks)
    replay = subprocess.run([args.evsesim, "replay", "--profiles", args.profiles, trace], capture_output=True, text=True,
                            timeout=120)
    checks.check(replay.returncode == 0 and "identical" in replay.stdout,
                 f"the recorded session replays identically: {(replay.stdout + replay.stderr).strip()[:400]}")
    print(f"ocpp power cut check: {checks.passed} passed, {checks.failed} failed")
    if checks.failed == 0:
        print("all checks passed")
    sys.exit(0 if checks.failed == 0 else 1)


if __name__ == "__main__":
    main()
