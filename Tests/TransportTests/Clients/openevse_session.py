#!/usr/bin/env python3
"""python-openevse 0.6 (PyPI, unmodified) against the simulator's pty, for the live tests.

Usage: openevse_session.py LINK [CHARGE_TIMEOUT_S]

Runs the library the way its README does, then waits until it reports 'charging' (the test's
background scenario plugs an EV in) and tries the calls that disagree with firmware 8.x.
Prints one JSON object on stdout; exceptions are reported by class name.
Needs the venv made by setup-python.sh.
"""
import json
import sys
import time

import openevse


def attempt(call):
    try:
        return {"value": call()}
    except Exception as error:
        return {"raised": type(error).__name__}


def main():
    path = sys.argv[1]
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    out = {}
    try:
        # The constructor sends $FF E 0 to turn echo off; firmware >= 4 turns it ON
        # (open_evse rapi_proc.cpp, processCmd(), case FF E). The library only survives because its reply regex
        # skips the echoed command lines.
        evse = openevse.SerialOpenEVSE(path)
        out["version"] = attempt(evse.version)
        out["status"] = attempt(evse.status)
        out["current_capacity"] = attempt(evse.current_capacity)
        out["current_capacity_range"] = attempt(lambda: list(evse.current_capacity_range()))
        deadline = time.monotonic() + timeout
        status = out["status"]
        while time.monotonic() < deadline:
            status = attempt(evse.status)
            if status.get("value") == "charging":
                break
            time.sleep(0.1)
        out["status_later"] = status
        # The relay closes and the EV ramps up a moment after state 03: ask until current flows.
        deadline = time.monotonic() + 3.0
        while True:
            reading = attempt(evse.charging_current_and_voltage)
            if reading.get("value", {}).get("amps", 0) > 0 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        out["charging_current_and_voltage"] = reading
        # elapsed() compares $GS's state field to the string '3'; RAPI 5 sends '03'.
        out["elapsed"] = attempt(evse.elapsed)
        evse.s.close()
    except Exception as error:
        out["error"] = repr(error)
    print(json.dumps(out))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
