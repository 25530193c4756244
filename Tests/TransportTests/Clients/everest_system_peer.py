#!/usr/bin/env python3
"""Plays EVerest against evsesim's system API face (everest_api/1/system/<module id>).

A separate process with paho-mqtt: sends every request the way everest-core's
AsyncApiRequestReply does ({"headers": {"replyTo": ...}, "payload": ...}), checks the replies and
the firmware_update_status / log_status sequences, and validates every message evsesim publishes
against the schemas of the AsyncAPI document (everest-core
docs/source/reference/EVerest_API/system_API.yaml) when --schema names a copy of it.
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
    """The AsyncAPI document's schemas, resolved against the document itself."""

    def __init__(self, path):
        self.root = None
        if path and os.path.exists(path):
            import yaml
            import jsonschema
            with open(path) as f:
                self.root = yaml.safe_load(f)
            self.jsonschema = jsonschema
        else:
            print("note: no AsyncAPI document given; messages are not schema-validated", flush=True)

    def validate(self, pointer, value, what):
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
                self.validator.validate(REPLY_SCHEMAS[name], value, f"reply to {name} {value!r}")
        elif topic in STATUS_SCHEMAS:
            self.validator.validate(STATUS_SCHEMAS[topic], value, f"{topic} {value!r}")
            self.statuses[topic].put(value)
        else:
            check(False, f"unexpected topic {message.topic}")

    def request(self, name, payload=None, reply=True, raw=None, timeout=5.0):
        """Sends a request; returns its reply (None when none came within timeout)."""
        reply_topic = f"reply/{uuid.uuid4()}"
        if raw is not None:
            body = raw
        else:
            envelope = {}
            if reply:
                envelope["headers"] = {"replyTo": f"{self.base}/m2e/{reply_topic}"}
            if payload is not None:
                envelope["payload"] = payload
            body = json.dumps(envelope)
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

    def call(self, name, body):
        self.client.publish(f"{self.base}/e2m/{name}", json.dumps(body) if body is not None else "", qos=1)

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
    parser.add_argument("--schema")
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()

    data, signature, certificate = make_signed_image(args.workdir)
    Store.files["/firmware.bin"] = data
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    http_base = f"http://127.0.0.1:{server.server_address[1]}"

    peer = Peer(args.port, args.module, Validator(args.schema))

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

    # Bad input: the refusals the document defines, and no crash.
    check(peer.request("update_firmware", {"request_id": 5}) == "Rejected", "no location: Rejected")
    check(peer.request("update_firmware", {"request_id": "x", "location": "ftp://a"}) == "Rejected",
          "request_id not an integer: Rejected")
    check(peer.request("update_firmware", {"request_id": 6, "location": "ftp://a", "retrieve_timestamp": "yesterday"})
          == "Rejected", "timestamp not RFC 3339: Rejected")
    check(peer.request("update_firmware", {"request_id": 7, "location": "ftp://a",
                                           "install_timestamp": "9999-12-31T23:59:59Z"}) == "Rejected",
          "absurd timestamp: Rejected")
    check(peer.request("update_firmware", {"request_id": 8, "location": "ftp://a", "retries": 0}) == "Rejected",
          "retries below the minimum 1: Rejected")
    check(peer.request("is_reset_allowed", "Sideways") is False, "unknown reset type: false")
    check(peer.request("upload_logs", {"request_id": 9})
          == {"upload_logs_status": "Rejected"}, "upload without location: Rejected")
    check(peer.request("set_system_time", "noon") is False, "bad system time: false")
    check(peer.request("get_boot_reason", raw="{not json") is None, "unreadable request: no reply")
    check(peer.request("get_boot_reason", reply=False, timeout=1.0) is None, "no replyTo: no reply")
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
    if failures:
        print(f"{len(failures)} check(s) failed", flush=True)
        sys.exit(1)
    print("all checks passed", flush=True)


if __name__ == "__main__":
    main()
