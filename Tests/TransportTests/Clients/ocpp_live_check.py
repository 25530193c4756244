#!/usr/bin/env python3
"""Drives one live evsesim station against the separate-process test CSMS (ocpp_csms.py) over
real WebSockets and checks the conversation:

1. boot: BootNotification first, then StatusNotification for connectors 0 and 1;
2. remote start: the CSMS answers connector 1's Preparing with RemoteStartTransaction(REMOTE1);
   the station starts transaction 1 with that idTag;
3. outage: once two MeterValues of transaction 1 arrived, the CSMS is killed (SIGKILL) and
   restarted a few seconds later; the MeterValues sampled meanwhile arrive after the
   reconnection, in order, with transaction id 1, and no sample is missing (one every 60 s);
4. remote stop: the restarted CSMS sends RemoteStopTransaction(1): StopTransaction reason Remote;
5. authorised session: a card presented at the station (background scenario) gives Authorize,
   StartTransaction with id 2 (continued by the restarted CSMS) and, at the unplug,
   StopTransaction reason EVDisconnected.

Every frame in both directions is validated against the OCPP 1.6 JSON schemas the `ocpp`
package ships (the CSMS also validates as it goes). Prints "N passed, M failed"."""
import argparse
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import time

import jsonschema
import ocpp.v16

SCHEMAS = os.path.join(os.path.dirname(ocpp.v16.__file__), "schemas")
HERE = os.path.dirname(os.path.abspath(__file__))

SCENARIO = {
    "schema": "evsesim/scenario@1",
    "name": "OCPP live check",
    "station": {"profile": "everest-yeti-3ph", "everest": {"authorization": "required", "connectionTimeout": "120s"}},
    "vehicle": {"profile": "midsize-60kwh-3ph-11kw", "soc": 0.3, "targetSoc": 0.9},
    "steps": [
        {"at": "10s", "do": "plug"},
        {"at": "500s", "do": "unplug"},
        {"at": "520s", "do": "plug"},
        {"at": "530s", "ocpp": {"present": "CARD-2"}},
        {"at": "700s", "do": "unplug"},
    ],
    "until": "760s",
}


def start_csms(*arguments, stderr=subprocess.STDOUT, **options):
    """Starts the test CSMS (ocpp_csms.py) with `arguments` and waits until it says it is ready."""
    process = subprocess.Popen([sys.executable, os.path.join(HERE, "ocpp_csms.py"), *arguments],
                               stdout=subprocess.PIPE, stderr=stderr, text=True, **options)
    if process.stdout.readline().strip() != "csms ready":
        raise SystemExit("the test CSMS did not start")
    return process


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def read_log(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def calls(frames, action):
    return [f["frame"][3] for f in frames if f["dir"] == "in" and f["frame"][0] == 2 and f["frame"][2] == action]


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
            print(f"  ok   {what}")
        else:
            self.failed += 1
            print(f"  FAIL {what}")


_schemas = {}
_validators = {}


def schema(name):
    """The OCPP 1.6 JSON schema `name` (e.g. `BootNotificationResponse`) the `ocpp` package ships."""
    if name not in _schemas:
        with open(os.path.join(SCHEMAS, name + ".json")) as f:
            _schemas[name] = json.load(f)
    return _schemas[name]


def validator(name):
    """A validator for schema `name`, checked and built once (jsonschema.validate does both per call)."""
    if name not in _validators:
        cls = jsonschema.validators.validator_for(schema(name))
        cls.check_schema(schema(name))
        _validators[name] = cls(schema(name))
    return _validators[name]


def validate(frames, checks):
    """Every frame against its schema; answers are matched to their calls by message id."""
    pending = {"in": {}, "out": {}}
    bad = []
    for f in frames:
        frame = f["frame"]
        try:
            key = (f.get("cp"), frame[1])
            if frame[0] == 2:
                validator(frame[2]).validate(frame[3])
                pending[f["dir"]][key] = frame[2]
            elif frame[0] == 3:
                other = "out" if f["dir"] == "in" else "in"
                action = pending[other].pop(key, None)
                if action:
                    validator(action + "Response").validate(frame[2])
        except jsonschema.ValidationError as error:
            bad.append(f"{frame}: {error.message}")
    for line in bad[:5]:
        print("    schema:", line)
    checks.check(not bad, f"all {len(frames)} frames valid against the OCPP 1.6 schemas")


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
    with open(scenario, "w") as f:
        json.dump(SCENARIO, f)
    port = free_port()
    password = "s3cret-key"
    csms_args = ["--port", str(port), "--log", log, "--state", state, "--password", password]
    csms = start_csms(*csms_args, "--remote-start", "REMOTE1")
    serve = subprocess.Popen(
        [args.evsesim, "serve", "--profiles", args.profiles, "--no-pty", "--speed", "x20", "--scenario", scenario,
         "--duration", "760s", "--ocpp", f"ws://127.0.0.1:{port}/ocpp", "--ocpp-id", "CP-LIVE",
         "--ocpp-ping-interval", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, EVSESIM_OCPP_PASSWORD=password))
    checks = Checks()
    try:
        deadline = time.time() + 60
        while time.time() < deadline and len([m for m in calls(read_log(log), "MeterValues") if m.get("transactionId") == 1]) < 2:
            time.sleep(0.1)
        csms.send_signal(signal.SIGKILL)
        csms.wait()
        time.sleep(4)  # 80 s of simulated time without a CSMS
        csms = start_csms(*csms_args, "--restarted", "--remote-stop")
        output, _ = serve.communicate(timeout=120)
    finally:
        if serve.poll() is None:
            serve.kill()
        csms.send_signal(signal.SIGTERM)
        csms.wait()
    frames = read_log(log)
    inbound = [f["frame"] for f in frames if f["dir"] == "in" and f["frame"][0] == 2]
    actions = [c[2] for c in inbound]
    checks.check(serve.returncode == 0, f"serve ended normally (exit {serve.returncode})")
    checks.check(actions[:3] == ["BootNotification", "StatusNotification", "StatusNotification"],
                 f"boot first, then both connectors' status: {actions[:3]}")
    starts = calls(frames, "StartTransaction")
    checks.check([s["idTag"] for s in starts] == ["REMOTE1", "CARD-2"], f"two transactions: {[s['idTag'] for s in starts]}")
    answers = {(f.get("cp"), f["frame"][1]): f["frame"][2] for f in frames if f["dir"] == "out" and f["frame"][0] == 3}
    start_ids = [answers.get((f.get("cp"), f["frame"][1]), {}).get("transactionId") for f in frames
                 if f["dir"] == "in" and f["frame"][0] == 2 and f["frame"][2] == "StartTransaction"]
    checks.check(start_ids == [1, 2], f"transaction ids 1 then 2 across the CSMS restart: {start_ids}")
    meter = [m for m in calls(frames, "MeterValues") if m.get("transactionId") == 1]
    stamps = sorted({m["meterValue"][0]["timestamp"] for m in meter})
    # Whole seconds since the epoch, so a session that crosses midnight UTC keeps its gaps.
    seconds = [int(datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()) for s in stamps]
    gaps = {b - a for a, b in zip(seconds, seconds[1:])}
    checks.check(len(stamps) >= 4 and gaps == {60}, f"transaction 1's samples every 60 s, none missing: {len(stamps)} samples, gaps {sorted(gaps)}")
    sent_order = [m["meterValue"][0]["timestamp"] for m in meter]
    checks.check(sent_order == sorted(sent_order), "queued MeterValues delivered in the order they were sampled")
    stops = calls(frames, "StopTransaction")
    checks.check([(s["transactionId"], s["reason"]) for s in stops] == [(1, "Remote"), (2, "EVDisconnected")],
                 f"stops: {[(s['transactionId'], s['reason']) for s in stops]}")
    checks.check([a["idTag"] for a in calls(frames, "Authorize")] == ["CARD-2"], "the presented card was authorised")
    checks.check("ocpp connected" in output, "serve logged the connection")
    validate(frames, checks)
    print(f"ocpp live check: {checks.passed} passed, {checks.failed} failed")
    if checks.failed == 0:
        print("all checks passed")
    sys.exit(0 if checks.failed == 0 else 1)


if __name__ == "__main__":
    main()
