#!/usr/bin/env python3
"""Security profile 2 for real: one live evsesim station against the test CSMS (ocpp_csms.py)
serving wss:// with a server certificate signed by a private CA made here with openssl, with
HTTP Basic auth on top:

1. with --ocpp-ca-file naming that CA the station boots over TLS, the CSMS starts a transaction
   remotely (RemoteStartTransaction when connector 1 reports Preparing), MeterValues arrive and
   the unplug stops it (StopTransaction with the CSMS's transaction id); every frame is valid
   against the OCPP 1.6 JSON schemas;
2. with another CA the station never gets through the handshake: serve logs a reason naming the
   certificate, the CSMS sees no frame, and the station keeps running to the end of its duration;
3. against a server that accepts the WebSocket but selects no subprotocol (plain ws://), the
   station sends nothing, logs that ocpp1.6 was not accepted, and keeps running.

Prints "N passed, M failed"."""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ocpp_live_check import Checks, calls, free_port, read_log, start_csms, validate  # noqa: E402


def openssl(*arguments, cwd):
    subprocess.run(["openssl", *arguments], cwd=cwd, check=True, capture_output=True)


def make_ca(name, cwd):
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
            "-keyout", f"{name}.key", "-out", f"{name}.pem", cwd=cwd)
    return os.path.join(cwd, f"{name}.pem")


def make_server_certificate(ca, cwd):
    """A certificate for 127.0.0.1 (and localhost) signed by `ca`."""
    with open(os.path.join(cwd, "san.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out",
            "server.csr", cwd=cwd)
    openssl("x509", "-req", "-in", "server.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key", "-CAcreateserial",
            "-days", "2", "-extfile", "san.ext", "-out", "server.pem", cwd=cwd)
    return os.path.join(cwd, "server.pem"), os.path.join(cwd, "server.key")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--evsesim", required=True)
    parser.add_argument("--profiles", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    ca = make_ca("csms-ca", args.workdir)
    wrong_ca = make_ca("other-ca", args.workdir)
    cert, key = make_server_certificate("csms-ca", args.workdir)
    log = os.path.join(args.workdir, "csms.jsonl")
    scenario = os.path.join(args.workdir, "scenario.json")
    with open(scenario, "w") as f:
        json.dump({
            "schema": "evsesim/scenario@1", "name": "OCPP TLS check",
            "station": {"profile": "everest-yeti-3ph", "everest": {"authorization": "required"}},
            "vehicle": {"profile": "midsize-60kwh-3ph-11kw", "soc": 0.3, "targetSoc": 0.9},
            "ocpp": {"configuration": {"MeterValueSampleInterval": 30}},
            "steps": [{"at": "10s", "do": "plug"}, {"at": "200s", "do": "unplug"}],
            "until": "260s",
        }, f)
    port = free_port()
    password = "tls-s3cret"
    csms = start_csms("--port", str(port), "--log", log, "--state", os.path.join(args.workdir, "csms.state"),
                      "--password", password, "--remote-start", "REMOTE-TLS", "--tls-cert", cert, "--tls-key", key)
    env = dict(os.environ, EVSESIM_OCPP_PASSWORD=password)

    def serve(cp_id, ca_file, extra):
        return subprocess.run(
            [args.evsesim, "serve", "--profiles", args.profiles, "--no-pty", "--ocpp",
             f"wss://127.0.0.1:{port}/ocpp", "--ocpp-id", cp_id, "--ocpp-ca-file", ca_file] + extra,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, timeout=120)

    checks = Checks()
    try:
        good = serve("CP-TLS", ca, ["--speed", "x10", "--scenario", scenario, "--duration", "260s"])
        refused = serve("CP-WRONG-CA", wrong_ca, ["--duration", "4s"])
    finally:
        csms.terminate()
        csms.wait()
    other_port = free_port()
    other_log = os.path.join(args.workdir, "other.jsonl")
    other = start_csms("--port", str(other_port), "--log", other_log, "--state",
                       os.path.join(args.workdir, "other.state"), "--no-subprotocol")
    try:
        no_subprotocol = subprocess.run(
            [args.evsesim, "serve", "--profiles", args.profiles, "--no-pty", "--ocpp", f"ws://127.0.0.1:{other_port}/ocpp",
             "--ocpp-id", "CP-NO-SUBPROTOCOL", "--duration", "4s"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    finally:
        other.terminate()
        other.wait()
    frames = read_log(log)
    mine = [f for f in frames if f["cp"] == "CP-TLS"]
    actions = [f["frame"][2] for f in mine if f["dir"] == "in" and f["frame"][0] == 2]
    checks.check(good.returncode == 0, f"serve over wss:// ended normally (exit {good.returncode})")
    checks.check("ocpp connected" in good.stdout, "serve logged the TLS connection")
    checks.check(actions[:1] == ["BootNotification"], f"booted over TLS: {actions[:3]}")
    starts = calls(mine, "StartTransaction")
    checks.check([s["idTag"] for s in starts] == ["REMOTE-TLS"], f"remote start over TLS: {starts}")
    answers = {f["frame"][1]: f["frame"][2] for f in mine if f["dir"] == "out" and f["frame"][0] == 3}
    ids = [answers.get(f["frame"][1], {}).get("transactionId") for f in mine
           if f["dir"] == "in" and f["frame"][0] == 2 and f["frame"][2] == "StartTransaction"]
    meter = [m for m in calls(mine, "MeterValues") if ids and m.get("transactionId") == ids[0]]
    checks.check(len(meter) >= 3, f"MeterValues of the transaction over TLS: {len(meter)}")
    stops = calls(mine, "StopTransaction")
    checks.check([(s["transactionId"], s["reason"]) for s in stops] == [(ids[0] if ids else None, "EVDisconnected")],
                 f"StopTransaction at the unplug with the CSMS's id: {stops}")
    validate(mine, checks)
    checks.check(refused.returncode == 0, f"the station with the wrong CA kept running to its end (exit {refused.returncode})")
    checks.check(not [f for f in frames if f["cp"] == "CP-WRONG-CA"], "no frame got through without a trusted certificate")
    reason = [line for line in refused.stdout.splitlines() if "certificate" in line]
    checks.check(bool(reason) and "--ocpp-ca-file" in reason[0], f"a clear reason was logged: {reason[:1]}")
    checks.check(no_subprotocol.returncode == 0,
                 f"the station whose server chose no subprotocol kept running (exit {no_subprotocol.returncode})")
    checks.check(not read_log(other_log), "no OCPP frame was sent to a server that did not select ocpp1.6")
    said = [line for line in no_subprotocol.stdout.splitlines() if "subprotocol ocpp1.6" in line]
    checks.check(bool(said), f"the missing subprotocol was logged: {said[:1]}")
    print(f"ocpp tls check: {checks.passed} passed, {checks.failed} failed")
    if checks.failed:
        print(refused.stdout[-2000:], no_subprotocol.stdout[-2000:])
    sys.exit(0 if checks.failed == 0 else 1)


if __name__ == "__main__":
    main()
