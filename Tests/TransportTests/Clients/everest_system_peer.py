#!/usr/bin/env python3
"""Plays EVerest against evsesim's system API face (everest_api/1/system/<module id>).

A separate process with paho-mqtt: sends every request the way everest-core's
AsyncApiRequestReply does ({"headers": {"replyTo": ...}, "payload": ...}), checks the replies and
the firmware_update_status / log_status sequences, and validates every message evsesim publishes
and every request it sends against evsesim's JSON Schema of the system API messages
(system-api-messages.schema.json, next to this file; --messages-schema names another), and also
against the AsyncAPI document itself (everest-core
docs/source/reference/EVerest_API/system_API.yaml) when --schema names a copy of it.
Requests that do not validate must be refused the way the document says, change nothing, and be
logged by evsesim: the last line printed, "rejections expected: {...}", counts them per request
for the caller to find in evsesim's log.
A loopback HTTP server serves the firmware image and takes the log upload; the signing key and
certificate are made here with the openssl command line tool.

Exit status 0 when every check passed; otherwise the failed checks are printed.
"""
import argparse
import base64
import http.server
import json
import os
import queue
import subprocess
import sys
import threading
import time
import uuid

import paho.mqtt.client as mqtt

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


class Store:
    """What the loopback HTTP server serves and what it was sent."""
    files = {}
    uploads = []


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        body = Store.files.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self):
        n = int(self.headers.get("Content-Length", "0"))
        Store.uploads.append((self.path, self.rfile.read(n)))
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT


def make_signed_image(workdir):
    key, cert, image = (os.path.join(workdir, n) for n in ("key.pem", "cert.pem", "firmware.bin"))
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
         "-subj", "/CN=evsesim firmware signing", "-days", "1"],
        check=True, capture_output=True)
    data = os.urandom(50_000)
    with open(image, "wb") as f:
        f.write(data)
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key, image], check=True, capture_output=True).stdout
    with open(cert) as f:
        pem = f.read()
    return data, base64.b64encode(sig).decode(), pem


class Validator:
    """evsesim's JSON Schema of every message, and optionally the AsyncAPI document's schemas."""

    def __init__(self, messages_path, asyncapi_path):
        import jsonschema
        self.jsonschema = jsonschema
        if "date-time" not in jsonschema.FormatChecker().checkers:
            raise SystemExit("jsonschema cannot check date-time formats here: install rfc3339-validator")
        with open(messages_path) as f:
            self.messages = json.load(f)
        self.root = None
        if asyncapi_path and os.path.exists(asyncapi_path):
            import yaml
            with open(asyncapi_path) as f:
                self.root = yaml.safe_load(f)
        else:
            print("note: no AsyncAPI document given; messages are validated against evsesim's schema only", flush=True)

    def errors(self, key, value):
        """Why `value` is no valid message `key` (e.g. "e2m.reset") of evsesim's schema; [] when it is."""
        schema = {"$schema": self.messages["$schema"], "$ref": f"#/$defs/{key}", "$defs": self.messages["$defs"]}
        validator = self.jsonschema.Draft202012Validator(schema, format_checker=self.jsonschema.FormatChecker())
        return [e.message for e in validator.iter_errors(value)]

    def validate(self, key, pointer, value, what):
        errors = self.errors(key, value)
        check(not errors, f"{what} validates as {key}" + (f": {errors}" if errors else ""))
        if self.root is None:
            return
        schema = {"$ref": pointer, "components": self.root["components"]}
        validator = self.jsonschema.Draft202012Validator(schema, format_checker=self.jsonschema.FormatChecker())
        errors = [e.message for e in validator.iter_errors(value)]
        check(not errors, f"{what} validates against {pointer}" + (f": {errors}" if errors else ""))


REPLY_SCHEMAS = {
    "update_firmware": "#/components/schemas/UpdateFirmwareResponse",
    "upload_logs": "#/components/schemas/UploadLogsResponse",
    "is_reset_allowed": "#/components/schemas/ResetAllowed",
    "set_system_time": "#/components/schemas/SystemTimeSet",
    "get_boot_reason": "#/components/schemas/BootReason",
}
STATUS_SCHEMAS = {
    "firmware_update_status": "#/components/schemas/FirmwareUpdateStatus",
    "log_status": "#/components/schemas/LogStatus",
    "communication_check": "#/components/schemas/CommunicationCheck",
}


class Peer:
    def __init__(self, port, module, validator):
        self.base = f"everest_api/1/system/{module}"
        self.validator = validator
        self.replies = {}
        self.statuses = {k: queue.Queue() for k in STATUS_SCHEMAS}
        self.pending = {}
        self.invalid = {}
        self.lock = threading.Lock()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"everest-peer-{os.getpid()}")
        self.client.on_message = self.on_message
        connected = threading.Event()
        self.client.on_connect = lambda *a: connected.set()
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        if not connected.wait(10):
            raise SystemExit("could not connect to the broker")
        subscribed = threading.Event()
        self.client.on_subscribe = lambda *a: subscribed.set()
        self.client.subscribe(self.base + "/m2e/#", qos=1)
        subscribed.wait(5)

    def on_message(self, client, userdata, message):
        topic = message.topic[len(self.base) + 5:]
        try:
            value = json.loads(message.payload)
        except ValueError:
            check(False, f"{message.topic}: payload is not JSON: {message.payload!r}")
            return
        if topic.startswith("reply/"):
            with self.lock:
                name = self.pending.pop(topic, None)
                self.replies[topic] = value
            if name is None:
                check(False, f"unexpected reply on {message.topic}")
            else:
                self.validator.validate(f"reply.{name}", REPLY_SCHEMAS[name], value, f"reply to {name} {value!r}")
        elif topic in STATUS_SCHEMAS:
            self.validator.validate(f"m2e.{topic}", STATUS_SCHEMAS[topic], value, f"{topic} {value!r}")
            self.statuses[topic].put(value)
        else:
            check(False, f"unexpected topic {message.topic}")

    def sent(self, name, body, valid):
        """Checks that a request is valid, or invalid, by evsesim's schema as the test means it."""
        try:
            value = json.loads(body) if body != "" else None
        except ValueError:
            value = None
            errors = ["not JSON"]
        else:
            errors = self.validator.errors(f"e2m.{name}", value) if body != "" or name != "allow_firmware_installation" else []
        if valid:
            check(not errors, f"request {name} {body} validates" + (f": {errors}" if errors else ""))
        else:
            check(bool(errors), f"request {name} {body} does not validate ({errors})")
            self.invalid[name] = self.invalid.get(name, 0) + 1

    def request(self, name, payload=None, reply=True, raw=None, timeout=5.0, valid=True, envelope=None):
        """Sends a request; returns its reply (None when none came within timeout)."""
        reply_topic = f"reply/{uuid.uuid4()}"
        if raw is not None:
            body = raw
        else:
            envelope = dict(envelope or {})
            if reply:
                envelope["headers"] = {"replyTo": f"{self.base}/m2e/{reply_topic}"}
            if payload is not None:
                envelope["payload"] = payload
            body = json.dumps(envelope)
        self.sent(name, body, valid)
        if reply:
            with self.lock:
                self.pending[reply_topic] = name
        self.client.publish(f"{self.base}/e2m/{name}", body, qos=1)
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if reply_topic in self.replies:
                    return self.replies.pop(reply_topic)
            time.sleep(0.01)
        with self.lock:
            self.pending.pop(reply_topic, None)
        return None

    def call(self, name, body, valid=True):
        text = json.dumps(body) if body is not None else ""
        self.sent(name, text, valid)
        self.client.publish(f"{self.base}/e2m/{name}", text, qos=1)

    def expect(self, topic, key, sequence, timeout=10.0, what=""):
        seen = []
        deadline = time.time() + timeout
        while len(seen) < len(sequence) and time.time() < deadline:
            try:
                seen.append(self.statuses[topic].get(timeout=max(0.01, deadline - time.time())))
            except queue.Empty:
                break
        got = [s.get(key) if isinstance(s, dict) else s for s in seen]
        check(got == sequence, f"{what or topic}: {got} == {sequence}")
        return seen

    def drain(self, topic):
        while not self.statuses[topic].empty():
            self.statuses[topic].get()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--schema", help="a copy of everest-core's system_API.yaml (optional)")
    parser.add_argument("--messages-schema",
                        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "system-api-messages.schema.json"))
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()

    data, signature, certificate = make_signed_image(args.workdir)
    Store.files["/firmware.bin"] = data
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    http_base = f"http://127.0.0.1:{server.server_address[1]}"

    peer = Peer(args.port, args.module, Validator(args.messages_schema, args.schema))

    peer.call("heartbeat", 1)
    peer.expect("communication_check", None, [True], what="heartbeat answered by communication_check")
    check(peer.request("get_boot_reason") == "PowerUp", "boot reason PowerUp at start")
    check(peer.request("set_system_time", "2030-01-01T00:00:00Z") is True, "set_system_time true")
    check(peer.request("is_reset_allowed", "Soft") is True, "soft reset allowed when idle")
    check(peer.request("is_reset_allowed", "Hard") is True, "hard reset allowed")

    # A signed image from the loopback server: fetched, verified, installed, rebooted into.
    fw = {"request_id": 1, "location": http_base + "/firmware.bin", "signature": signature,
          "signing_certificate": certificate, "retries": 1, "retry_interval_s": 1}
    check(peer.request("update_firmware", fw) == "Accepted", "signed update accepted")
    peer.expect("firmware_update_status", "firmware_update_status",
                ["Downloading", "Downloaded", "SignatureVerified"], what="signed download verified")
    peer.call("allow_firmware_installation", None)
    peer.expect("firmware_update_status", "firmware_update_status",
                ["Installing", "InstallRebooting", "Installed"], what="installed after the reboot")
    check(peer.request("get_boot_reason") == "FirmwareUpdate", "boot reason FirmwareUpdate")

    # The same image with a signature over other bytes.
    bad = dict(fw, request_id=2, signature=base64.b64encode(b"\x00" * 256).decode())
    check(peer.request("update_firmware", bad) == "Accepted", "badly signed update accepted")
    peer.expect("firmware_update_status", "firmware_update_status",
                ["Downloading", "Downloaded", "InvalidSignature"], what="bad signature found")

    # Nothing listens on port 1: every attempt fails, then DownloadFailed.
    gone = {"request_id": 3, "location": "http://127.0.0.1:1/firmware.bin", "retries": 2, "retry_interval_s": 1}
    check(peer.request("update_firmware", gone) == "Accepted", "unreachable update accepted")
    peer.expect("firmware_update_status", "firmware_update_status",
                ["Downloading", "Downloading", "DownloadFailed"], what="unreachable location fails after its retries")

    # A log upload to the loopback server: the station's trace, by HTTP PUT.
    logs = {"request_id": 4, "location": http_base + "/logs/", "oldest_timestamp": "2000-01-01T00:00:00Z",
            "latest_timestamp": "2100-01-01T00:00:00Z", "type": "DiagnosticsLog"}
    reply = peer.request("upload_logs", logs)
    check(isinstance(reply, dict) and reply.get("upload_logs_status") == "Accepted" and reply.get("file_name"),
          f"upload accepted with a file name: {reply}")
    peer.expect("log_status", "log_status", ["Uploading", "Uploaded"], what="log uploaded")
    check(len(Store.uploads) == 1 and b"system.firmware" in Store.uploads[0][1],
          f"the server got the trace ({[(p, len(b)) for p, b in Store.uploads]})")
    if Store.uploads:
        try:
            records = [json.loads(line) for line in Store.uploads[0][1].decode().splitlines()]
        except ValueError as error:
            records = []
            check(False, f"every line of the uploaded log is JSON: {error}")
        kinds = {r.get("kind") for r in records[1:]}
        check(bool(records) and "start_epoch" in records[0] and {"system.request", "system.firmware"} <= kinds,
              f"the log is the station's trace (header, system requests, statuses): {sorted(k for k in kinds if k)}")

    # Bad input: requests that do not validate get the refusals the document defines (no reply
    # where it defines none), change nothing and are logged by evsesim; no crash.
    boot_before = peer.request("get_boot_reason")
    for topic in STATUS_SCHEMAS:
        peer.drain(topic)
    check(peer.request("update_firmware", {"request_id": 5}, valid=False) == "Rejected", "no location: Rejected")
    check(peer.request("update_firmware", {"request_id": "x", "location": "ftp://a"}, valid=False) == "Rejected",
          "request_id not an integer: Rejected")
    check(peer.request("update_firmware", {"request_id": 6, "location": "ftp://a", "retrieve_timestamp": "yesterday"},
                       valid=False) == "Rejected", "timestamp not RFC 3339: Rejected")
    check(peer.request("update_firmware", {"request_id": 8, "location": "ftp://a", "retries": 0}, valid=False)
          == "Rejected", "retries below the minimum 1: Rejected")
    check(peer.request("update_firmware", {"request_id": 13, "location": 7}, valid=False) == "Rejected",
          "location not a string: Rejected")
    check(peer.request("update_firmware", {"request_id": 14, "location": "ftp://a", "signature": 5}, valid=False)
          == "Rejected", "signature not a string: Rejected")
    check(peer.request("update_firmware", None, valid=False) == "Rejected", "no payload: Rejected")
    check(peer.request("update_firmware", "ftp://a", valid=False) == "Rejected", "payload not an object: Rejected")
    check(peer.request("is_reset_allowed", "Sideways", valid=False) is False, "unknown reset type: false")
    check(peer.request("is_reset_allowed", None, valid=False) is False, "is_reset_allowed without payload: false")
    check(peer.request("upload_logs", {"request_id": 9}, valid=False)
          == {"upload_logs_status": "Rejected"}, "upload without location: Rejected")
    check(peer.request("upload_logs", {"location": "ftp://a", "oldest_timestamp": "noon"}, valid=False)
          == {"upload_logs_status": "Rejected"}, "upload with a bad oldest_timestamp: Rejected")
    check(peer.request("upload_logs", {"location": "ftp://a", "request_id": 1.5}, valid=False)
          == {"upload_logs_status": "Rejected"}, "upload with a fractional request_id: Rejected")
    check(peer.request("upload_logs", {"location": "ftp://a", "retries": 0}, valid=False)
          == {"upload_logs_status": "Rejected"}, "upload with retries 0: Rejected")
    check(peer.request("set_system_time", "noon", valid=False) is False, "bad system time: false")
    check(peer.request("set_system_time", 1700000000, valid=False) is False, "system time as a number: false")
    check(peer.request("get_boot_reason", raw="{not json", valid=False) is None, "unreadable request: no reply")
    check(peer.request("get_boot_reason", raw='{"headers": {"replyTo": 5}}', valid=False) is None,
          "replyTo not a string: no reply")
    peer.call("reset", {"type": "Sideways"}, valid=False)
    peer.call("reset", {"type": "Hard", "scheduled": "yes"}, valid=False)
    peer.call("reset", ["Hard"], valid=False)
    peer.call("heartbeat", -1, valid=False)
    peer.call("heartbeat", "beat", valid=False)
    check(peer.request("get_boot_reason", reply=False, timeout=1.0) is None, "no replyTo: no reply")
    time.sleep(1.0)
    check(peer.request("get_boot_reason") == boot_before,
          f"no invalid reset rebooted the controller (boot reason still {boot_before})")
    for topic in STATUS_SCHEMAS:
        stray = []
        while not peer.statuses[topic].empty():
            stray.append(peer.statuses[topic].get())
        check(not stray, f"no invalid request made evsesim publish on {topic}: {stray}")
    check(peer.request("update_firmware", {"request_id": 7, "location": "ftp://a",
                                           "install_timestamp": "9999-12-31T23:59:59Z"}) == "Rejected",
          "absurd timestamp (valid by the schema, refused by evsesim): Rejected")
    check(peer.request("update_firmware", {"request_id": 10, "location": "ftp://a", "retries": 10**20})
          == "Rejected", "retries beyond any integer the module takes: Rejected")
    check(peer.request("update_firmware", {"request_id": 11, "location": "ftp://a", "retries": 1000000})
          == "Accepted", "huge retries: Accepted (capped)")
    peer.expect("firmware_update_status", "firmware_update_status", ["Downloading"], what="simulated download starts")
    check(peer.request("update_firmware", {"request_id": 12, "location": "ftp://a"}) == "AcceptedCanceled",
          "a second update cancels the first: AcceptedCanceled")
    check(peer.request("get_boot_reason") == "FirmwareUpdate", "still answering after bad input")

    # A hard reset reboots the controller; the next boot reason says why.
    peer.call("reset", {"type": "Hard", "scheduled": False})
    time.sleep(1.0)
    check(peer.request("get_boot_reason") == "RemoteReset", "boot reason RemoteReset after a hard reset")

    server.shutdown()
    peer.client.loop_stop()
    print("rejections expected: " + json.dumps(peer.invalid), flush=True)
    if failures:
        print(f"{len(failures)} check(s) failed", flush=True)
        sys.exit(1)
    print("all checks passed", flush=True)


if __name__ == "__main__":
    main()
