"""Seeded RAPI fuzz over a pty (README "Reliability").

Usage: rapi_fuzz.py LINK LINES SEED. Sends LINES fuzzed lines (none that turns echo on) in batches, each batch followed by
`$GV^35`; reads until that batch's `$GV` reply. Every reply read must follow the firmware's
frame (open_evse rapi_proc.cpp: `$OK`/`$NK` or an async `$ST`/`$AT`/`$WF`..., optional
` ^XX` XOR checksum of the bytes before `^`). Prints one JSON line with the counts.
"""
import json, os, random, re, select, sys, time

link, total, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
COMMANDS = ["GS", "GV", "GE", "GC", "GG", "GP", "GU", "GA", "GF", "GH", "G0", "G3", "GD", "GI", "GM", "GT", "GO",
            "SC", "SL", "FE", "FD", "FS", "FB", "SV", "SH", "S0", "S1", "S3", "ST", "SY", "SA", "SK", "ZZ"]
FRAME = re.compile(rb"^\$[A-Z][A-Z0-9]( [^\r^$]*)?(\^[0-9A-F]{2})?$")
# `$Z0 a b` prints "\nZ0 a b\r\n" before its reply (rapi_proc.cpp, case 'Z').
Z0_PRINT = re.compile(rb"^Z0 [^ \r]+ [^ \r]+$")

def line():
    # `$SE 1` turns the firmware's echo on (rapi_proc.cpp, case 'E'): echoed input is no reply
    # frame, so no line may spell SE. `$FR` resets the controller, which then loses what follows
    # and answers nothing for its 3 s boot (the boot tests and scenarios cover that): no line may
    # spell FR either, or the fuzz would spend its time waiting for boots.
    while True:
        candidate = fuzz_line()
        spelled = candidate.replace(b" ", b"").upper()
        if b"SE" not in spelled and b"FR" not in spelled:
            return candidate

def fuzz_line():
    kind = rng.random()
    if kind < 0.5:
        args = " ".join(str(rng.choice([rng.randint(-5, 300), rng.randint(0, 2**32), "x", "", "-", "1.5"]))
                        for _ in range(rng.randint(0, 4)))
        body = "$" + rng.choice(COMMANDS) + (" " + args if args else "")
        if rng.random() < 0.5:
            x = 0
            for b in body.encode():
                x ^= b
            body += "^%02X" % (x if rng.random() < 0.9 else rng.randint(0, 255))
        return body.encode()
    if kind < 0.8:
        return bytes(rng.choice(b"$^ ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-\x00\x7f\xff\n") for _ in range(rng.randint(0, 40)))
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 80))).replace(b"\r", b"")

def checksum_ok(frame):
    if b"^" not in frame:
        return True
    body, _, tail = frame.rpartition(b"^")
    x = 0
    for b in body:
        x ^= b
    return int(tail, 16) == x

fd = os.open(link, os.O_RDWR | os.O_NOCTTY)
out = {"lines": 0, "replies": 0, "malformed": [], "unanswered": 0}
marker = b"$GV^35\r"
buf = b""
start = time.monotonic()
while out["lines"] < total:
    n = min(100, total - out["lines"])
    os.write(fd, b"".join(line() + b"\r" for _ in range(n)) + marker)
    out["lines"] += n
    end = time.monotonic() + 10
    resend = time.monotonic() + 4
    got = False
    while not got and time.monotonic() < end:
        # A batch with `$FR` (or bytes that overflow the 64-byte UART buffer while the controller
        # boots) loses what followed it, the marker too, as on a real board: ask again once the
        # boot is over, as the WiFi gateway retries a command that timed out.
        if time.monotonic() > resend:
            os.write(fd, marker)
            resend = time.monotonic() + 4
        if select.select([fd], [], [], 1)[0]:
            buf += os.read(fd, 65536)
        *frames, buf = buf.split(b"\r")
        for f in frames:
            f = f[1:] if f.startswith(b"\n") else f
            if Z0_PRINT.match(f):
                continue
            out["replies"] += 1
            if not FRAME.match(f) or not checksum_ok(f):
                if len(out["malformed"]) < 20:
                    out["malformed"].append(f.decode("latin-1"))
            if f.startswith(b"$OK") and f.count(b" ") >= 2 and len(f.split(b" ")) == 3 and f.split(b" ")[1].count(b".") == 2:
                got = True  # the $GV reply: $OK firmware rapi^XX
    if not got:
        out["unanswered"] += 1
        break
out["seconds"] = round(time.monotonic() - start, 2)
os.close(fd)
print(json.dumps(out))
