#!/usr/bin/env python3
"""A RAPI client in a separate process, standard library only (os + termios), for the live tests.

Usage:
  rapi_session.py session LINK [PLUG_TIMEOUT_S]
      $GV, $GS, wait for the $AT the background scenario's plug causes, $SC 16 V, $GG,
      close the device (detach), open it again (attach) and $GS.
  rapi_session.py latency LINK RATE COUNT
      COUNT $GS requests at RATE per second, one outstanding at a time; round-trip times.

Prints one JSON object on stdout. Lines are shown without their CR.
"""
import json
import os
import select
import sys
import time
import tty


def checksum(command):
    value = 0
    for byte in command.encode("ascii"):
        value ^= byte
    return "%s^%02X\r" % (command, value)


class Link:
    """The pty in raw mode, read line by line (CR-terminated, a stray LF ignored)."""

    def __init__(self, path):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)
        self.buffer = b""
        self.asyncs = []

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def line(self, deadline):
        while b"\r" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                self.buffer += os.read(self.fd, 4096)
        raw, self.buffer = self.buffer.split(b"\r", 1)
        return raw.decode("latin-1").lstrip("\n")

    def request(self, command, timeout=2.0):
        """Sends a command; returns its $OK/$NK reply, keeping async lines seen meanwhile."""
        os.write(self.fd, checksum(command).encode("ascii"))
        deadline = time.monotonic() + timeout
        while True:
            line = self.line(deadline)
            if line is None:
                return None
            if line.startswith("$OK") or line.startswith("$NK"):
                return line
            if line.startswith("$A"):
                self.asyncs.append(line)

    def wait_async(self, prefix, timeout):
        deadline = time.monotonic() + timeout
        for line in self.asyncs:
            if line.startswith(prefix):
                return line
        while True:
            line = self.line(deadline)
            if line is None:
                return None
            if line.startswith("$A"):
                self.asyncs.append(line)
                if line.startswith(prefix):
                    return line


def session(path, plug_timeout):
    out = {"replies": {}, "async": []}
    link = Link(path)
    try:
        out["replies"]["GV"] = link.request("$GV")
        out["replies"]["GS"] = link.request("$GS")
        out["plugged"] = link.wait_async("$AT 02", plug_timeout)
        out["replies"]["SC"] = link.request("$SC 16 V")
        out["charging"] = link.wait_async("$AT 03", 5.0)
        # The relay closes and the EV ramps up a moment after $AT 03: ask until current flows.
        deadline = time.monotonic() + 3.0
        while True:
            out["replies"]["GG"] = link.request("$GG")
            fields = (out["replies"]["GG"] or "").split("^")[0].split()
            if len(fields) < 2 or fields[1] != "0" or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        out["async"] = list(link.asyncs)
        link.close()
        time.sleep(0.3)
        link = Link(path)
        out["replies"]["GS2"] = link.request("$GS")
        out["async_after_reattach"] = list(link.asyncs)
    finally:
        link.close()
    return out


def latency(path, rate, count):
    link = Link(path)
    times = []
    failures = 0
    period = 1.0 / rate
    # One request first, not timed: it includes the simulator noticing the client attach.
    link.request("$GS")
    start = time.monotonic()
    try:
        for i in range(count):
            due = start + i * period
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            sent = time.perf_counter_ns()
            reply = link.request("$GS")
            if reply is None or not reply.startswith("$OK "):
                failures += 1
                continue
            times.append((time.perf_counter_ns() - sent) / 1000.0)
    finally:
        link.close()
    elapsed = time.monotonic() - start
    times.sort()

    def percentile(p):
        if not times:
            return None
        return times[min(len(times) - 1, int(round(p / 100.0 * (len(times) - 1))))]

    return {
        "rate": rate, "count": count, "ok": len(times), "failures": failures,
        "achieved_rate": count / elapsed if elapsed > 0 else None,
        "p50_us": percentile(50), "p99_us": percentile(99), "max_us": times[-1] if times else None,
    }


def main():
    mode, path = sys.argv[1], sys.argv[2]
    try:
        if mode == "session":
            result = session(path, float(sys.argv[3]) if len(sys.argv) > 3 else 10.0)
        elif mode == "latency":
            result = latency(path, float(sys.argv[3]), int(sys.argv[4]))
        else:
            result = {"error": "unknown mode " + mode}
    except Exception as error:  # reported, not raised: the test shows it
        result = {"error": repr(error)}
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
