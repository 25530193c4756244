#!/usr/bin/env python3
"""Checks that evsesim's JSON Schema of the system API messages (system-api-messages.schema.json)
says what everest-core's AsyncAPI document (docs/source/reference/EVerest_API/system_API.yaml)
says, message by message:

1. the facts: every property's type, enum, format and minimum, and every required list, found by
   walking both schemas (references resolved);
2. the verdicts: a corpus of valid and invalid samples of every message is judged the same by both.

Usage: system_schema_agreement.py UPSTREAM.yaml [OURS.json]. Exit status 0 when they agree.
"""
import json
import os
import sys

import jsonschema
import yaml

# Our message name -> the document's components/messages entry.
MESSAGES = {
    "e2m.update_firmware": "receive_request_update_firmware",
    "e2m.upload_logs": "receive_request_upload_logs",
    "e2m.is_reset_allowed": "receive_request_is_reset_allowed",
    "e2m.reset": "receive_reset",
    "e2m.set_system_time": "receive_request_set_system_time",
    "e2m.get_boot_reason": "receive_request_get_boot_reason",
    "e2m.heartbeat": "receive_heartbeat",
    "reply.update_firmware": "send_reply_update_firmware",
    "reply.upload_logs": "send_reply_upload_logs",
    "reply.is_reset_allowed": "send_reply_is_reset_allowed",
    "reply.set_system_time": "send_reply_set_system_time",
    "reply.get_boot_reason": "send_reply_get_boot_reason",
    "m2e.firmware_update_status": "send_firmware_update_status",
    "m2e.log_status": "send_log_status",
    "m2e.communication_check": "send_communication_check",
}
# What we state beyond the document, on purpose: its HeartBeatId is described as a "64bit
# unsigned integer" in prose; our schema says so with bounds.
EXTRA_FACTS = {("e2m.heartbeat", "", "minimum", 0), ("e2m.heartbeat", "", "maximum", 18446744073709551615)}

FW = {"request_id": 1, "location": "http://h/f.bin"}
LOGS = {"location": "http://h/logs/"}
SAMPLES = {
    "e2m.update_firmware": [
        {"payload": FW}, {"headers": {"replyTo": "t"}, "payload": dict(FW, retries=3, retry_interval_s=5,
                                                                      retrieve_timestamp="2030-01-01T00:00:00Z")},
        {"payload": {"request_id": 1}}, {"payload": {"location": "x"}}, {"payload": dict(FW, request_id="1")},
        {"payload": dict(FW, retries=0)}, {"payload": dict(FW, install_timestamp="noon")}, {"headers": {}},
        {"payload": dict(FW, signature=5)}, {"headers": {"replyTo": 5}, "payload": FW}, "x",
    ],
    "e2m.upload_logs": [
        {"payload": LOGS}, {"payload": dict(LOGS, request_id=4, type="DiagnosticsLog",
                                            oldest_timestamp="2030-01-01T00:00:00Z")},
        {"payload": {}}, {"payload": dict(LOGS, request_id=1.5)}, {"payload": dict(LOGS, latest_timestamp="x")},
        {"payload": dict(LOGS, retries=0)}, {},
    ],
    "e2m.is_reset_allowed": [{"payload": "Soft"}, {"payload": "Hard"}, {"payload": "NotSpecified"},
                             {"payload": "Sideways"}, {}, {"payload": 1}],
    "e2m.reset": [{"type": "Hard", "scheduled": False}, {}, {"type": "Sideways"}, {"scheduled": "yes"}, ["Hard"]],
    "e2m.set_system_time": [{"payload": "2030-01-01T00:00:00Z"}, {"payload": "noon"}, {"payload": 17}, {}],
    "e2m.get_boot_reason": [{}, {"headers": {"replyTo": "t"}}, {"headers": {"replyTo": 5}}, {"headers": 1}, 3],
    "e2m.heartbeat": [0, 42, "42", 1.5, True],
    "reply.update_firmware": ["Accepted", "AcceptedCanceled", "RevokedCertificate", "Maybe", 1],
    "reply.upload_logs": [{"upload_logs_status": "Accepted", "file_name": "a.log"}, {"upload_logs_status": "Rejected"},
                          {"file_name": "a"}, {"upload_logs_status": "Uploaded"}, {"upload_logs_status": "Accepted",
                                                                                    "file_name": 3}],
    "reply.is_reset_allowed": [True, False, "true", 1],
    "reply.set_system_time": [True, False, None],
    "reply.get_boot_reason": ["PowerUp", "Watchdog", "Triggered", "Reboot", 0],
    "m2e.firmware_update_status": [
        {"firmware_update_status": "Downloading", "request_id": 7}, {"firmware_update_status": "Installed",
                                                                     "request_id": -1},
        {"firmware_update_status": "Downloading"}, {"request_id": 1}, {"firmware_update_status": "Done",
                                                                        "request_id": 1},
        {"firmware_update_status": "Idle", "request_id": "1"},
    ],
    "m2e.log_status": [{"log_status": "Uploaded", "request_id": 31}, {"log_status": "Uploaded"},
                       {"log_status": "Sent", "request_id": 1}, {"log_status": "Idle", "request_id": 1.5}],
    "m2e.communication_check": [True, False, "true"],
}


class Resolver:
    def __init__(self, root):
        self.root = root

    def resolve(self, node):
        """Follows $ref and merges its siblings (the document writes `type: string` beside a $ref)."""
        while isinstance(node, dict) and "$ref" in node:
            target = self.root
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            merged = dict(target)
            merged.update({k: v for k, v in node.items() if k != "$ref"})
            if "required" in target and "required" in node:
                merged["required"] = sorted(set(target["required"]) | set(node["required"]))
            if "properties" in target and "properties" in node:
                merged["properties"] = dict(target["properties"], **node["properties"])
            node = merged
        return node

    def facts(self, node, path=""):
        node = self.resolve(node)
        out = set()
        if not isinstance(node, dict):
            return out
        kind = node.get("type")
        if kind is None and "enum" in node:
            kinds = {type(v).__name__ for v in node["enum"]}
            kind = "string" if kinds == {"str"} else None
        if kind:
            out.add((path, "type", kind))
        if "enum" in node:
            out.add((path, "enum", tuple(sorted(node["enum"]))))
        for key in ("format", "minimum", "maximum"):
            if key in node:
                out.add((path, key, node[key]))
        if node.get("required"):
            out.add((path, "required", tuple(sorted(node["required"]))))
        for name, child in (node.get("properties") or {}).items():
            out.add((path, "property", name))
            out |= self.facts(child, f"{path}/{name}")
        return out


def validator(schema):
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def main():
    upstream_path = sys.argv[1]
    ours_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "system-api-messages.schema.json")
    with open(upstream_path) as f:
        upstream = yaml.safe_load(f)
    with open(ours_path) as f:
        ours = json.load(f)
    if "date-time" not in jsonschema.FormatChecker().checkers:
        raise SystemExit("jsonschema cannot check date-time formats here: install rfc3339-validator")
    theirs_r, ours_r = Resolver(upstream), Resolver(ours)
    problems = []
    compared = 0
    for key, message in MESSAGES.items():
        theirs_payload = upstream["components"]["messages"][message]["payload"]
        a = ours_r.facts({"$ref": f"#/$defs/{key}"})
        b = theirs_r.facts(theirs_payload)
        extra = {f for f in a - b if (key,) + f not in EXTRA_FACTS}
        for fact in sorted(extra, key=str):
            problems.append(f"{key}: ours says {fact}, the document does not")
        for fact in sorted(b - a, key=str):
            problems.append(f"{key}: the document says {fact}, ours does not")
        ours_v = validator({"$ref": f"#/$defs/{key}", "$defs": ours["$defs"]})
        theirs_v = validator({"$ref": f"#/components/messages/{message}/payload", "components": upstream["components"]})
        for sample in SAMPLES[key]:
            compared += 1
            if ours_v.is_valid(sample) != theirs_v.is_valid(sample):
                problems.append(f"{key}: {json.dumps(sample)} is {'valid' if ours_v.is_valid(sample) else 'invalid'} "
                                f"by ours, not by the document")
    covered = {m.split(".", 1)[1] for m in MESSAGES if m.startswith(("e2m.", "m2e."))}
    in_document = {c["address"].split("/", 1)[1] for c in upstream["channels"].values() if c.get("address")}
    missing = in_document - covered - {"allow_firmware_installation"}
    if missing:
        problems.append(f"messages of the document our schema lacks: {sorted(missing)}")
    for p in problems:
        print("FAIL " + p)
    print(f"{len(MESSAGES)} messages, {compared} samples compared, {len(problems)} disagreement(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
