#!/usr/bin/env python3
"""Validates every OCPP frame in evsesim traces (`ocpp.send`/`ocpp.receive` records of fast runs
with the scripted CSMS) against the OCPP 1.6 JSON schemas the `ocpp` package ships. Calls are
checked against `<Action>.json`, answers against `<Action>Response.json` (matched by message
id). Frames a scenario sends on purpose to provoke a CALLERROR (`--allow-invalid-received FILE`,
for traces of those scenarios) are not held against the schemas. Prints "N passed, M failed"."""
import argparse
import json
import os
import sys

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ocpp_live_check import schema  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("traces", nargs="+")
    parser.add_argument("--allow-invalid-received", action="append", default=[])
    args = parser.parse_args()
    passed = failed = 0
    for path in args.traces:
        lenient = os.path.basename(path) in args.allow_invalid_received
        pending = {"ocpp.send": {}, "ocpp.receive": {}}
        frames = 0
        problems = []
        with open(path) as f:
            for line in f:
                record = json.loads(line)
                kind = record.get("kind")
                if kind not in pending:
                    continue
                frame = record["message"]
                frames += 1
                try:
                    if not isinstance(frame, list):
                        raise jsonschema.ValidationError("not an OCPP-J array")
                    if frame[0] == 2:
                        pending[kind][frame[1]] = frame[2]
                        jsonschema.validate(frame[3], schema(frame[2]))
                    elif frame[0] == 3:
                        other = "ocpp.receive" if kind == "ocpp.send" else "ocpp.send"
                        action = pending[other].pop(frame[1], None)
                        if action:
                            jsonschema.validate(frame[2], schema(action + "Response"))
                except (jsonschema.ValidationError, FileNotFoundError, IndexError, TypeError) as error:
                    if lenient and kind == "ocpp.receive":
                        continue
                    problems.append(f"{kind} {json.dumps(frame)[:160]}: {getattr(error, 'message', error)}")
        if problems or frames == 0:
            failed += 1
            print(f"FAIL {path}: {frames} frames")
            for p in problems[:5]:
                print("   ", p)
        else:
            passed += 1
            print(f"ok   {path}: {frames} frames valid")
    print(f"ocpp trace check: {passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
