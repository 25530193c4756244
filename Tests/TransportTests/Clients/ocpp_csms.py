#!/usr/bin/env python3
"""A test CSMS for evsesim's OCPP face, built on the `ocpp` package (mobilityhouse) and
`websockets`: accepts every charge point that connects as ws://127.0.0.1:PORT/<id> with
subprotocol ocpp1.6 (and, with --password, HTTP Basic auth), answers everything Accepted and
logs every frame in both directions, one JSON line each, to --log. The `ocpp` package checks
each payload against its OCPP 1.6 JSON schemas both ways (a bad one is answered with a
CALLERROR, or raises when the CSMS itself would send it).

With --tls-cert/--tls-key it serves wss:// (security profile 2); with --no-subprotocol it
selects no subprotocol in the handshake, as a server that does not speak OCPP 1.6 would.

Transaction ids continue from --state across restarts, as a real CSMS's database would.
With --remote-start TAG it sends RemoteStartTransaction(TAG) when connector 1 first reports
Preparing; with --remote-stop it sends RemoteStopTransaction for the transaction of a
MeterValues received after a restart (the process was started with --restarted).

With --control-port it also takes commands from a test driver (ocpp_scenarios_check.py) on that
loopback port, one JSON object a line, and answers each on one line with the same "id":
{"id": 1, "cp": "CP_3", "call": "RemoteStartTransaction", "payload": {"idTag": "T"}} sends that
call to charge point CP_3 and answers {"id": 1, "reply": {...}} (the charge point's answer) or
{"id": 1, "error": "..."} (a CALLERROR, a timeout, or the charge point is not connected).
With --clock-base/--clock-start/--clock-speed its clock runs at the served stations' speed from
that base (the wall clock otherwise); with --heartbeat-offset S each charge point's first
Heartbeat moves the time the CSMS tells it (Heartbeat and later BootNotification answers) S
seconds ahead, so a test can see the Heartbeat set the station's clock. With --boot-pending S the
first BootNotification of each charge point is answered Pending with interval S."""
import argparse
import asyncio
import base64
import json
import os
import ssl
import time
from datetime import datetime, timezone

import websockets
from ocpp.charge_point import camel_to_snake_case, remove_nones, serialize_as_dict, snake_to_camel_case
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call, call_result
from ocpp.v16.enums import Action, AuthorizationStatus, RegistrationStatus

args = None


def log(cp, direction, message):
    with open(args.log, "a") as f:
        f.write(json.dumps({"t": time.time(), "cp": cp, "dir": direction, "frame": json.loads(message)}) + "\n")


def next_transaction_id():
    n = 1
    if os.path.exists(args.state):
        n = int(open(args.state).read().strip() or "1")
    with open(args.state, "w") as f:
        f.write(str(n + 1))
    return n


def now(offset=0):
    if args.clock_base:
        base = datetime.fromisoformat(args.clock_base.replace("Z", "+00:00")).timestamp()
        seconds = base + (time.time() - args.clock_start) * args.clock_speed + offset
    else:
        seconds = time.time() + offset
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


CONNECTED = {}  # charge point id → its CSMS object, for the driver's calls
CLOCK_OFFSETS = {}  # charge point id → seconds added to the CSMS time told to it (--heartbeat-offset)
BOOTED = set()  # charge points answered once (--boot-pending)


class LoggingConnection:
    """Wraps the websocket so every frame is logged as it passes."""

    def __init__(self, ws, cp):
        self.ws = ws
        self.cp = cp

    async def recv(self):
        message = await self.ws.recv()
        log(self.cp, "in", message)
        return message

    async def send(self, message):
        log(self.cp, "out", message)
        await self.ws.send(message)


class CSMS(ChargePoint):
    remote_started = False
    remote_stopped = False

    @on(Action.boot_notification)
    def on_boot(self, charge_point_vendor, charge_point_model, **kwargs):
        if args.boot_pending and self.id not in BOOTED:
            BOOTED.add(self.id)
            return call_result.BootNotification(
                current_time=now(CLOCK_OFFSETS.get(self.id, 0)), interval=args.boot_pending,
                status=RegistrationStatus.pending)
        return call_result.BootNotification(
            current_time=now(CLOCK_OFFSETS.get(self.id, 0)), interval=args.heartbeat_interval,
            status=RegistrationStatus.accepted)

    @on(Action.heartbeat)
    def on_heartbeat(self):
        if args.heartbeat_offset:
            CLOCK_OFFSETS[self.id] = args.heartbeat_offset
        return call_result.Heartbeat(current_time=now(CLOCK_OFFSETS.get(self.id, 0)))

    @on(Action.status_notification)
    def on_status(self, connector_id, error_code, status, **kwargs):
        if args.remote_start and connector_id == 1 and status == "Preparing" and not CSMS.remote_started:
            CSMS.remote_started = True
            asyncio.get_event_loop().create_task(self.call(call.RemoteStartTransaction(id_tag=args.remote_start)))
        return call_result.StatusNotification()

    @on(Action.authorize)
    def on_authorize(self, id_tag):
        return call_result.Authorize(id_tag_info={"status": AuthorizationStatus.accepted})

    @on(Action.start_transaction)
    def on_start(self, connector_id, id_tag, meter_start, timestamp, **kwargs):
        return call_result.StartTransaction(
            transaction_id=next_transaction_id(), id_tag_info={"status": AuthorizationStatus.accepted})

    @on(Action.stop_transaction)
    def on_stop(self, meter_stop, timestamp, transaction_id, **kwargs):
        return call_result.StopTransaction()

    @on(Action.meter_values)
    def on_meter_values(self, connector_id, meter_value, transaction_id=None, **kwargs):
        if args.remote_stop and args.restarted and transaction_id and not CSMS.remote_stopped:
            CSMS.remote_stopped = True
            asyncio.get_event_loop().create_task(
                self.call(call.RemoteStopTransaction(transaction_id=transaction_id)))
        return call_result.MeterValues()

    @on(Action.firmware_status_notification)
    def on_firmware(self, status):
        return call_result.FirmwareStatusNotification()

    @on(Action.diagnostics_status_notification)
    def on_diagnostics(self, status):
        return call_result.DiagnosticsStatusNotification()


async def handler(ws):
    path = ws.request.path
    if args.password:
        header = ws.request.headers.get("Authorization", "")
        cp_id = path.rstrip("/").split("/")[-1]
        expected = "Basic " + base64.b64encode(f"{cp_id}:{args.password}".encode()).decode()
        if header != expected:
            await ws.close(code=1008, reason="bad credentials")
            return
    if ws.subprotocol != "ocpp1.6" and not args.no_subprotocol:
        await ws.close(code=1002, reason="subprotocol ocpp1.6 required")
        return
    cp_id = path.rstrip("/").split("/")[-1]
    cp = CSMS(cp_id, LoggingConnection(ws, cp_id))
    CONNECTED[cp_id] = cp
    try:
        await cp.start()
    except websockets.exceptions.ConnectionClosed:
        pass
    finally:
        if CONNECTED.get(cp_id) is cp:
            del CONNECTED[cp_id]


async def control_command(command):
    """One driver command: a CSMS call to a connected charge point, answered with its reply."""
    cp = CONNECTED.get(command.get("cp"))
    if cp is None:
        return {"id": command.get("id"), "error": f"{command.get('cp')} is not connected"}
    try:
        payload = getattr(call, command["call"])(**camel_to_snake_case(command.get("payload", {})))
        result = await cp.call(payload, suppress=False)
        return {"id": command.get("id"), "reply": snake_to_camel_case(remove_nones(serialize_as_dict(result)))}
    except Exception as error:  # a CALLERROR, a timeout, a lost connection: all go back to the driver
        return {"id": command.get("id"), "error": f"{type(error).__name__}: {error}"}


async def control_client(reader, writer):
    lock = asyncio.Lock()

    async def answer(command):
        reply = await control_command(command)
        async with lock:
            writer.write((json.dumps(reply) + "\n").encode())
            await writer.drain()

    tasks = set()
    while line := await reader.readline():
        task = asyncio.create_task(answer(json.loads(line)))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    writer.close()


async def main():
    context = None
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
    async with websockets.serve(handler, "127.0.0.1", args.port, subprotocols=None if args.no_subprotocol else ["ocpp1.6"],
                                ssl=context):
        if args.control_port:
            await asyncio.start_server(control_client, "127.0.0.1", args.control_port)
        print("csms ready", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--state", required=True)
    parser.add_argument("--password")
    parser.add_argument("--remote-start")
    parser.add_argument("--remote-stop", action="store_true")
    parser.add_argument("--restarted", action="store_true")
    parser.add_argument("--tls-cert", help="serve wss:// with this PEM certificate (chain)")
    parser.add_argument("--tls-key", help="the certificate's PEM private key")
    parser.add_argument("--no-subprotocol", action="store_true",
                        help="select no subprotocol in the handshake (a server that is not an OCPP 1.6 CSMS)")
    parser.add_argument("--control-port", type=int, help="take the driver's CSMS calls on this loopback port")
    parser.add_argument("--heartbeat-interval", type=int, default=300, help="the BootNotification answer's interval")
    parser.add_argument("--boot-pending", type=int, help="answer each charge point's first boot Pending, this interval")
    parser.add_argument("--heartbeat-offset", type=int, help="seconds a charge point's first Heartbeat moves its clock")
    parser.add_argument("--clock-base", help="the CSMS time at --clock-start (RFC 3339; default: the wall clock)")
    parser.add_argument("--clock-start", type=float, help="Unix time at which the CSMS clock reads --clock-base")
    parser.add_argument("--clock-speed", type=float, default=1, help="how fast the CSMS clock runs (the serve speed)")
    args = parser.parse_args()
    asyncio.run(main())
