#!/usr/bin/env python3
"""The MQTT malformed-payload corpus (README "Reliability"), against `evsesim serve`'s EVerest face.

A separate process with paho-mqtt. Each round sends one valid `cmd/set_limit_amps` with a new
value and waits until `var/limits` shows it (a command without its effect is a lost command),
then the whole corpus of malformed commands (bad numbers, broken JSON, wrong types and enums,
bytes that are no UTF-8, a few KiB of junk; one 1 MiB payload per run), all of which the module
rejects. Every `var/limits` value seen must be one a valid command set.

Usage: mqtt_corpus.py PORT EVSE ROUNDS. The last line printed is JSON:
{"rounds": R, "valid": V, "malformed": M, "lost": [...], "strays": [...], "limits_seen": N}
"""
import json
import random
import sys
import threading
import time

import paho.mqtt.client as mqtt


def corpus(rng):
    junk = bytes(rng.randrange(256) for _ in range(4096))
    return [
        ("set_limit_amps", b""), ("set_limit_amps", b"abc"), ("set_limit_amps", b"{"), ("set_limit_amps", b"-"),
        ("set_limit_amps", b"."), ("set_limit_amps", b"e5"), ("set_limit_amps", b"1e99999"),
        ("set_limit_amps", b"\xff\xfe\x00"), ("set_limit_amps", b"x" * 8192),
        ("set_limit_watts", b""), ("set_limit_watts", b"watts"), ("set_limit_watts", b"-1e400"),
        ("set_limit_amps_phases", b""), ("set_limit_amps_phases", b"{"), ("set_limit_amps_phases", b"[]"),
        ("set_limit_amps_phases", b"null"), ("set_limit_amps_phases", b'{"amps": 10}'),
        ("set_limit_amps_phases", b'{"amps": 10, "phases": 2}'),
        ("set_limit_amps_phases", b'{"amps": "ten", "phases": 1}'),
        ("set_limit_amps_phases", b"[" * 5000 + b"]" * 5000),
        ("set_limit_amps_phases", junk),
        ("enable_disable", b""), ("enable_disable", b"{"), ("enable_disable", b'{"source": "Nope"}'),
        ("enable_disable", b'{"state": "On"}'), ("enable_disable", b'{"priority": "high"}'),
        ("enable_disable", b"\xc3\x28"),
        ("enable", b""), ("enable", b"abc"), ("disable", b""), ("disable", b"one"),
        ("uk_random_delay", b"ENABLE"), ("uk_random_delay", b"enable\n"), ("uk_random_delay", b""),
    ]


def main():
    port, evse, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    rng = random.Random(14)
    base = f"everest_api/{evse}"
    seen = []
    cond = threading.Condition()

    def on_message(client, userdata, message):
        try:
            value = json.loads(message.payload)["max_current"]
        except (ValueError, KeyError, TypeError):
            return
        with cond:
            seen.append(value)
            cond.notify_all()

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"evsesim-corpus-{evse}")
    client.on_message = on_message
    connected = threading.Event()
    client.on_connect = lambda *a: connected.set()
    client.connect("127.0.0.1", port)
    client.loop_start()
    if not connected.wait(10):
        raise SystemExit("could not connect to the broker")
    subscribed = threading.Event()
    client.on_subscribe = lambda *a: subscribed.set()
    client.subscribe(base + "/var/limits", qos=1)
    subscribed.wait(5)

    valid_values, lost, malformed = set(), [], 0
    items = corpus(rng)
    for round_ in range(rounds):
        value = 6 + (round_ * 7) % 25
        valid_values.add(float(value))
        with cond:
            start = len(seen)
        client.publish(f"{base}/cmd/set_limit_amps", str(value), qos=1)
        deadline = time.time() + 5
        with cond:
            while not any(v == value for v in seen[start:]) and time.time() < deadline:
                cond.wait(timeout=max(0.01, deadline - time.time()))
            if not any(v == value for v in seen[start:]):
                lost.append(value)
        batch = list(items)
        rng.shuffle(batch)
        if round_ == 0:
            batch.append(("set_limit_amps", b"9" * (1 << 20)))
        for name, payload in batch:
            client.publish(f"{base}/cmd/{name}", payload, qos=1).wait_for_publish(5)
            malformed += 1
    time.sleep(1.0)
    client.loop_stop()
    with cond:
        initial = seen[:1]
        strays = sorted({v for v in seen if float(v) not in valid_values and v not in initial})
        print(json.dumps({"rounds": rounds, "valid": rounds, "malformed": malformed, "lost": lost,
                          "strays": strays, "limits_seen": len(seen)}), flush=True)


if __name__ == "__main__":
    main()
