#!/usr/bin/env python3
"""The eight OCPP scenarios one live station goes through, as ocpp_scenarios_check.py drives
them over real sockets (one `Station` coroutine per charge point): each follows its fast-mode
version in Scenarios/ocpp-*.json and records named checks, each with what was expected and
what was found. The physical side goes through serve's control API, the CSMS side through the
test CSMS's command port; what the charge point sent is read from the CSMS's frame log."""
import asyncio
import json
import math
import time
from datetime import datetime, timezone

SCENARIOS = ["boot-heartbeat-clock", "authorised-session", "remote-start-stop", "smart-charging",
             "offline-queueing", "change-availability", "gfi-fault", "firmware-update"]
HEARTBEAT_OFFSET = 3600  # the first Heartbeat answer moves each station's clock an hour ahead
BOOT_INTERVAL = 20  # HeartbeatInterval from the BootNotification answer
PENDING_INTERVAL = 5  # the first boot is answered Pending with this interval


class Abort(Exception):
    """A scenario cannot go on (something it waits for did not come)."""


def seconds(stamp):
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def sampled(call, measurand):
    """The values of `measurand` in a MeterValues payload (all its meterValue entries)."""
    return [float(v["value"]) for mv in call["payload"]["meterValue"] for v in mv["sampledValue"]
            if v.get("measurand", "Energy.Active.Import.Register") == measurand]


async def control(port, index, action):
    """POSTs one action to serve's control API (a bare HTTP/1.1 request, no client library)."""
    body = json.dumps(action).encode()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"POST /api/stations/{index}/actions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                 f"\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
    await writer.drain()
    response = await reader.read()
    writer.close()
    status = response.split(b" ", 2)[1]
    if status != b"200":
        raise Abort(f"control action {action} answered {response[:200]!r}")


class Station:
    """One charge point's run through the scenarios, with its check results."""

    def __init__(self, run, index, cp):
        self.run = run
        self.index = index
        self.cp = cp
        self.cursor = 0
        self.results = {}  # scenario → {check: (ok, expected, found)}
        self.walls = {}  # scenario → wall seconds it took
        self.scenario = None

    def check(self, name, ok, expected, found):
        self.results.setdefault(self.scenario, {})[name] = (bool(ok), expected, found)
        return ok

    def calls(self):
        return self.run.frames.calls.get(self.cp, [])

    async def next(self, action, where=lambda c: True, sim_seconds=60, what=None):
        """The first call `action` matching `where` at or after the cursor; moves the cursor past it.
        Waits for it as long as `sim_seconds` take at the serve's speed (plus slack), then aborts."""
        deadline = time.time() + sim_seconds / self.run.speed * 3 + 20
        while True:
            calls = self.calls()
            for i in range(self.cursor, len(calls)):
                call = calls[i]
                if call["action"] == action and where(call):
                    while call["answer"] is None and time.time() < deadline:
                        await asyncio.sleep(0.05)
                    if call["answer"] is None:
                        raise Abort(f"the CSMS never answered {what or action}")
                    self.cursor = i + 1
                    return call
            if time.time() > deadline:
                raise Abort(f"no {what or action} came")
            await asyncio.sleep(0.05)

    async def status(self, status, connector=1, sim_seconds=60):
        return await self.next("StatusNotification",
                               lambda c: c["payload"]["connectorId"] == connector and c["payload"]["status"] == status,
                               sim_seconds, f"StatusNotification {status} for connector {connector}")

    async def csms(self, action, payload):
        return await self.run.csms.call(self.cp, action, payload)

    async def do(self, action):
        await control(self.run.control_port, self.index, action)

    async def sleep_sim(self, sim_seconds):
        await asyncio.sleep(sim_seconds / self.run.speed)

    async def start_transaction(self, remote=None):
        """Plugs in (after a remote start with `remote`) and returns the StartTransaction call."""
        if remote:
            reply = await self.csms("RemoteStartTransaction", {"idTag": remote, "connectorId": 1})
            if reply.get("status") != "Accepted":
                raise Abort(f"RemoteStartTransaction answered {reply}")
        await self.do({"do": "plug"})
        start = await self.next("StartTransaction")
        await self.status("Charging", sim_seconds=30)
        return start

    async def scenarios(self):
        for name in SCENARIOS:
            self.scenario = name
            began = time.time()
            try:
                await getattr(self, name.replace("-", "_"))()
                self.check("completed", True, "the scenario ran to its end", "it did")
            except Exception as error:  # whatever went wrong is this station's failure, not the run's
                self.check("completed", False, "the scenario ran to its end", f"{type(error).__name__}: {error}")
                await self.tidy()
            finally:
                if name == "offline-queueing":
                    self.run.arrived.passed()
                    self.run.left.passed()
                self.walls[name] = time.time() - began

    async def tidy(self):
        """After an aborted scenario: unplugged, no fault, the cursor at the end, for the next one."""
        for action in ({"do": "clearFault", "fault": "gfi"}, {"do": "unplug"}):
            try:
                await self.do(action)
            except (Abort, OSError):
                pass
        await self.sleep_sim(5)
        self.cursor = len(self.calls())

    # MARK: - The scenarios (each follows Scenarios/ocpp-<name>.json)

    async def boot_heartbeat_clock(self):
        first = await self.next("BootNotification", sim_seconds=30)
        self.check("first call BootNotification, answered Pending", self.calls()[0] is first
                   and first["answer"].get("status") == "Pending", "BootNotification answered Pending",
                   f"{self.calls()[0]['action']} answered {first['answer']}")
        second = await self.next("BootNotification", sim_seconds=PENDING_INTERVAL + 10)
        self.check("retried after the Pending interval, nothing else sent meanwhile", self.calls()[1] is second
                   and second["answer"].get("status") == "Accepted",
                   "the second call is BootNotification, Accepted", f"{self.calls()[1]['action']}: {second['answer']}")
        boot_time = seconds(second["answer"]["currentTime"])
        available = await self.status("Available", connector=1)
        found = seconds(available["payload"]["timestamp"]) - boot_time
        # Unset, the clock would read the serve's own date, years away; 600 s covers any lag.
        self.check("clock set from the BootNotification answer", 0 <= found <= 600,
                   f"StatusNotification stamped 0-600 s after {second['answer']['currentTime']}",
                   available["payload"]["timestamp"])
        reply = await self.csms("GetConfiguration", {"key": ["HeartbeatInterval"]})
        value = [k.get("value") for k in reply.get("configurationKey", [])]
        self.check("the boot interval became HeartbeatInterval", value == [str(BOOT_INTERVAL)],
                   [str(BOOT_INTERVAL)], value)
        heartbeat = await self.next("Heartbeat", sim_seconds=BOOT_INTERVAL + 5)
        heartbeat_time = seconds(heartbeat["answer"]["currentTime"])
        reply = await self.csms("TriggerMessage", {"requestedMessage": "StatusNotification", "connectorId": 1})
        triggered = await self.next("StatusNotification", lambda c: c["payload"]["connectorId"] == 1, 30)
        found = seconds(triggered["payload"]["timestamp"]) - heartbeat_time
        # Unset, it would read an hour (HEARTBEAT_OFFSET) less.
        self.check("the Heartbeat answer set the clock", reply.get("status") == "Accepted" and 0 <= found <= 600,
                   f"TriggerMessage Accepted, StatusNotification stamped 0-600 s after {heartbeat['answer']['currentTime']}",
                   f"{reply}, {triggered['payload']['timestamp']}")
        reply = await self.csms("ChangeConfiguration", {"key": "HeartbeatInterval", "value": "3600"})
        self.check("ChangeConfiguration HeartbeatInterval Accepted", reply.get("status") == "Accepted",
                   "Accepted", reply)

    async def authorised_session(self):
        mark = self.cursor
        await self.do({"do": "plug"})
        start = await self.next("StartTransaction")
        session = [c for c in self.calls()[mark:self.cursor] if c["action"] in ("Authorize", "StartTransaction")
                   or (c["action"] == "StatusNotification" and c["payload"]["connectorId"] == 1)]
        order = [c["action"] if c["action"] != "StatusNotification" else c["payload"]["status"] for c in session]
        self.check("Preparing, then Authorize, then StartTransaction", order == ["Preparing", "Authorize",
                                                                               "StartTransaction"],
                   ["Preparing", "Authorize", "StartTransaction"], order)
        authorize = session[-2] if len(session) > 1 and session[-2]["action"] == "Authorize" else None
        if authorize is None:
            raise Abort("no Authorize before the StartTransaction")
        self.check("Authorize Accepted, then StartTransaction with its idTag",
                   authorize["answer"]["idTagInfo"]["status"] == "Accepted"
                   and start["payload"]["idTag"] == authorize["payload"]["idTag"]
                   and start["payload"]["connectorId"] == 1,
                   "Accepted; the same idTag on connector 1", f"{authorize['answer']}, {start['payload']}")
        tx = start["answer"]["transactionId"]
        await self.status("Charging", sim_seconds=30)
        samples = [await self.next("MeterValues", lambda c: c["payload"].get("transactionId") == tx,
                                   self.run.sample * 2, f"MeterValues of transaction {tx}") for _ in range(3)]
        energy = [sampled(c, "Energy.Active.Import.Register")[0] for c in samples]
        stamps = [seconds(c["payload"]["meterValue"][0]["timestamp"]) for c in samples]
        self.check("MeterValues every MeterValueSampleInterval with the transaction id, energy rising",
                   [b - a for a, b in zip(stamps, stamps[1:])] == [self.run.sample] * 2
                   and energy[0] < energy[1] < energy[2],
                   f"3 samples {self.run.sample} s apart, rising energy",
                   f"gaps {[b - a for a, b in zip(stamps, stamps[1:])]}, energy {energy}")
        await self.do({"do": "unplug"})
        stop = await self.next("StopTransaction")
        p = stop["payload"]
        self.check("StopTransaction EVDisconnected with the id and a meterStop past the samples",
                   p["transactionId"] == tx and p.get("reason") == "EVDisconnected"
                   # meterStop is whole Wh, rounded: an unplug right after the last sample can
                   # stop at 79 Wh after a sample of 79.12 Wh.
                   and p["meterStop"] >= math.floor(energy[-1] + 0.5) and energy[-1] > start["payload"]["meterStart"],
                   f"transactionId {tx}, EVDisconnected, meterStop ≥ {energy[-1]} rounded", p)
        await self.status("Available", sim_seconds=10)

    async def remote_start_stop(self):
        tag = f"APP-{self.index}"
        start = await self.start_transaction(remote=tag)
        tx = start["answer"]["transactionId"]
        authorized = [c for c in self.calls() if c["action"] == "Authorize" and c["payload"]["idTag"] == tag]
        self.check("the remote token starts the transaction, no Authorize (AuthorizeRemoteTxRequests false)",
                   start["payload"]["idTag"] == tag and not authorized, f"StartTransaction idTag {tag}",
                   f"{start['payload']['idTag']}, {len(authorized)} Authorize")
        again = await self.csms("RemoteStartTransaction", {"idTag": "SOMEONE-ELSE"})
        wrong = await self.csms("RemoteStopTransaction", {"transactionId": tx + 1000000})
        self.check("RemoteStart while charging and RemoteStop of another id Rejected",
                   again.get("status") == "Rejected" and wrong.get("status") == "Rejected",
                   "Rejected, Rejected", f"{again}, {wrong}")
        reply = await self.csms("RemoteStopTransaction", {"transactionId": tx})
        stop = await self.next("StopTransaction")
        self.check("RemoteStopTransaction Accepted: StopTransaction reason Remote with its id",
                   reply.get("status") == "Accepted" and stop["payload"]["transactionId"] == tx
                   and stop["payload"].get("reason") == "Remote",
                   f"Accepted; transactionId {tx}, reason Remote", f"{reply}, {stop['payload']}")
        finishing = await self.next("StatusNotification", lambda c: c["payload"]["connectorId"] == 1, 10)
        self.check("Finishing while the EV stays plugged in", finishing["payload"]["status"] == "Finishing",
                   "Finishing", finishing["payload"]["status"])
        await self.do({"do": "unplug"})
        await self.status("Available", sim_seconds=10)

    async def smart_charging(self):
        # The evening, compressed: 32 A, 10 A for the peak, 6 A, 16 A, then 32 A again (Relative:
        # counted from the transaction's start), under an 11 kW cap (15.9 A on three phases).
        step = self.run.sample * 3 + self.run.sample // 2
        periods = [(0, 32), (step, 10), (2 * step, 6), (3 * step, 16), (4 * step, 32)]
        cap = round(11000 / (230 * 3), 1)
        replies = [
            await self.csms("SetChargingProfile", {"connectorId": 0, "csChargingProfiles": {
                "chargingProfileId": 1, "stackLevel": 0, "chargingProfilePurpose": "ChargePointMaxProfile",
                "chargingProfileKind": "Absolute", "chargingSchedule": {
                    "startSchedule": "2020-01-01T00:00:00Z", "chargingRateUnit": "W",
                    "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 11000}]}}}),
            await self.csms("SetChargingProfile", {"connectorId": 1, "csChargingProfiles": {
                "chargingProfileId": 2, "stackLevel": 0, "chargingProfilePurpose": "TxDefaultProfile",
                "chargingProfileKind": "Relative", "chargingSchedule": {
                    "chargingRateUnit": "A",
                    "chargingSchedulePeriod": [{"startPeriod": s, "limit": a} for s, a in periods]}}}),
        ]
        self.check("SetChargingProfile cap and default Accepted", all(r.get("status") == "Accepted" for r in replies),
                   "Accepted, Accepted", replies)
        start = await self.start_transaction()
        tx = start["answer"]["transactionId"]
        samples = []
        while len(samples) < 4 * step // self.run.sample + 3:
            samples.append(await self.next("MeterValues", lambda c: c["payload"].get("transactionId") == tx,
                                           self.run.sample * 2, f"MeterValues of transaction {tx}"))
        offered = [round(sampled(c, "Current.Offered")[0], 1) if sampled(c, "Current.Offered") else None
                   for c in samples]
        steps = [a for i, a in enumerate(offered) if i == 0 or a != offered[i - 1]]
        expected = [min(cap, a) for _, a in periods]
        expected = [a for i, a in enumerate(expected) if i == 0 or a != expected[i - 1]]
        self.check("Current.Offered steps down and up with the schedule under the cap", steps == expected,
                   expected, offered)
        drawn = [(a, max(sampled(c, "Current.Import"))) for i, (a, c) in enumerate(zip(offered, samples))
                 if i > 0 and a == offered[i - 1] and a is not None]
        self.check("the EV's current follows the offer", drawn and all(i <= a + 0.5 for a, i in drawn),
                   "Current.Import ≤ Current.Offered + 0.5 A once settled", drawn)
        reply = await self.csms("RemoteStopTransaction", {"transactionId": tx})
        await self.next("StopTransaction", lambda c: c["payload"]["transactionId"] == tx)
        cleared = await self.csms("ClearChargingProfile", {})
        self.check("ClearChargingProfile Accepted", reply.get("status") == "Accepted"
                   and cleared.get("status") == "Accepted", "Accepted", cleared)
        await self.do({"do": "unplug"})
        await self.status("Available", sim_seconds=10)

    async def offline_queueing(self):
        start = await self.start_transaction()
        first_tx = start["answer"]["transactionId"]
        await self.next("MeterValues", lambda c: c["payload"].get("transactionId") == first_tx,
                        self.run.sample * 2, f"MeterValues of transaction {first_tx}")
        mark = self.cursor - 1
        self.run.arrived.passed()
        await self.run.outage_started.wait()
        # Offline: the first transaction samples on, ends at the unplug; a second one starts.
        await self.sleep_sim(self.run.sample * 2.5)
        await self.do({"do": "unplug"})
        await self.sleep_sim(3)
        await self.do({"do": "plug"})
        await self.sleep_sim(self.run.sample * 2.5)
        self.run.left.passed()
        await self.run.outage_ended.wait()
        stop = await self.next("StopTransaction", sim_seconds=120, what="the queued StopTransaction")
        second = await self.next("StartTransaction", sim_seconds=60, what="the queued StartTransaction")
        second_tx = second["answer"]["transactionId"]
        sample = await self.next("MeterValues", lambda c: c["payload"].get("transactionId") == second_tx,
                                 self.run.sample * 2, f"MeterValues of transaction {second_tx}")
        await self.do({"do": "unplug"})
        last = await self.next("StopTransaction")
        made = [c for c in self.calls()[mark:] if c["action"] in ("StartTransaction", "StopTransaction", "MeterValues")]

        def stamp(c):
            return seconds(c["payload"]["meterValue"][0]["timestamp"] if c["action"] == "MeterValues"
                           else c["payload"]["timestamp"])

        stamps = [stamp(c) for c in made]
        self.check("transaction messages delivered in the order they were made", stamps == sorted(stamps),
                   "time stamps in sending order non-decreasing", [c["action"] for c in made])
        copies = {}
        for c in made:
            if c["action"] == "MeterValues" and c["payload"]["transactionId"] == first_tx:
                copies.setdefault(stamp(c), []).append(c)
        first = sorted(copies)
        gaps = sorted({b - a for a, b in zip(first, first[1:])})
        # At least once: a sample the killed CSMS received but never answered is sent again.
        repeated = [datetime.fromtimestamp(t, timezone.utc).isoformat() for t, cs in copies.items()
                    if any(c["answer"] is not None for c in cs[:-1])]
        self.check("nothing lost: transaction 1 sampled through the outage, every interval up to its end",
                   len(first) >= 3 and gaps == [self.run.sample] and stamp(stop) - first[-1] < self.run.sample
                   and not repeated,
                   f"≥ 3 samples, gaps [{self.run.sample}], the last less than {self.run.sample} s before the stop, "
                   "none sent again after an answer",
                   f"{len(first)} samples, gaps {gaps}, last {stamp(stop) - (first or [0])[-1]} s before the stop, "
                   f"answered yet sent again: {repeated}")
        second_samples = [c for c in made if c["action"] == "MeterValues" and stamp(c) >= stamp(second)]
        self.check("transaction ids consistent across the restart",
                   stop["payload"]["transactionId"] == first_tx and second_tx != first_tx
                   and all(c["payload"]["transactionId"] == second_tx for c in second_samples)
                   and last["payload"]["transactionId"] == second_tx and sample in second_samples,
                   f"stop {first_tx}; the offline transaction's MeterValues and stop carry the restarted CSMS's id",
                   f"stop {stop['payload']['transactionId']}, new id {second_tx}, meter ids "
                   f"{sorted({c['payload']['transactionId'] for c in second_samples})}, last stop "
                   f"{last['payload']['transactionId']}")
        await self.status("Available", sim_seconds=10)

    async def change_availability(self):
        start = await self.start_transaction()
        tx = start["answer"]["transactionId"]
        reply = await self.csms("ChangeAvailability", {"connectorId": 1, "type": "Inoperative"})
        self.check("ChangeAvailability Inoperative during a transaction is Scheduled",
                   reply.get("status") == "Scheduled", "Scheduled", reply)
        mark = self.cursor
        await self.next("MeterValues", lambda c: c["payload"].get("transactionId") == tx, self.run.sample * 2,
                        "MeterValues after the ChangeAvailability")
        reply = await self.csms("RemoteStopTransaction", {"transactionId": tx})
        stop = await self.next("StopTransaction")
        early = [c["payload"]["status"] for c in self.calls()[mark:self.cursor] if c["action"] == "StatusNotification"]
        self.check("charging goes on until the transaction ends", "Unavailable" not in early
                   and stop["payload"]["transactionId"] == tx, f"no Unavailable before StopTransaction {tx}",
                   f"statuses {early}, stop {stop['payload']['transactionId']}")
        ended = await self.next("StatusNotification", lambda c: c["payload"]["connectorId"] == 1
                                and c["payload"]["status"] != "Finishing", 10, "a status after Finishing")
        self.check("Unavailable once the transaction ended", ended["payload"]["status"] == "Unavailable",
                   "Unavailable", ended["payload"]["status"])
        await self.do({"do": "unplug"})
        mark = self.cursor
        await self.do({"do": "plug"})
        await self.sleep_sim(20)
        started = [c["payload"] for c in self.calls()[mark:] if c["action"] == "StartTransaction"]
        self.check("an unavailable connector starts no transaction", not started, "no StartTransaction in 20 s",
                   started)
        reply = await self.csms("ChangeAvailability", {"connectorId": 1, "type": "Operative"})
        after = await self.next("StatusNotification", lambda c: c["payload"]["connectorId"] == 1, 10)
        self.check("ChangeAvailability Operative Accepted at once", reply.get("status") == "Accepted"
                   and after["payload"]["status"] != "Unavailable", "Accepted, then not Unavailable",
                   f"{reply}, {after['payload']['status']}")
        # EvseManager saw no plug-in while disabled: the EV is replugged, and charges.
        await self.do({"do": "unplug"})
        await self.sleep_sim(2)
        await self.do({"do": "plug"})
        again = await self.next("StartTransaction", what="a StartTransaction once Operative again")
        await self.do({"do": "unplug"})
        stop = await self.next("StopTransaction")
        self.check("Operative again: a replugged EV charges", stop["payload"]["transactionId"]
                   == again["answer"]["transactionId"], f"transaction {again['answer']['transactionId']} stopped",
                   stop["payload"])
        await self.status("Available", sim_seconds=10)

    async def gfi_fault(self):
        start = await self.start_transaction()
        tx = start["answer"]["transactionId"]
        await self.do({"do": "fault", "fault": "gfi"})
        faulted = await self.status("Faulted", sim_seconds=10)
        self.check("Faulted with errorCode GroundFailure and the EVerest error in info",
                   faulted["payload"]["errorCode"] == "GroundFailure"
                   and faulted["payload"].get("info") == "evse_board_support/MREC2GroundFailure",
                   "GroundFailure, evse_board_support/MREC2GroundFailure", faulted["payload"])
        mark = self.cursor
        await self.do({"do": "clearFault", "fault": "gfi"})
        cleared = await self.next("StatusNotification", lambda c: c["payload"]["connectorId"] == 1
                                  and c["payload"]["errorCode"] == "NoError", 20 * 60, "the fault cleared")
        self.check("the GFI retry clears the fault", cleared["payload"]["status"] != "Faulted",
                   "NoError and not Faulted", cleared["payload"])
        await self.do({"do": "unplug"})
        stop = await self.next("StopTransaction")
        stops = [c for c in self.calls()[mark:self.cursor] if c["action"] == "StopTransaction"]
        self.check("the fault did not end the transaction", stops == [stop] and stop["payload"]["transactionId"] == tx
                   and stop["payload"].get("reason") == "EVDisconnected", f"one StopTransaction {tx} at the unplug",
                   [c["payload"] for c in stops])
        await self.status("Available", sim_seconds=10)

    async def firmware_update(self):
        path = f"/firmware/{self.cp}.bin"
        reply = await self.csms("UpdateFirmware", {"location": f"http://127.0.0.1:{self.run.http_port}{path}",
                                                   "retrieveDate": "2020-01-01T00:00:00Z", "retries": 1})
        statuses = []
        for status in ("Downloading", "Downloaded", "Installing"):
            statuses.append((await self.next("FirmwareStatusNotification", sim_seconds=600,
                                             what=f"FirmwareStatusNotification {status}"))["payload"]["status"])
        boot = await self.next("BootNotification", sim_seconds=600)
        rebooted = self.cursor
        installed = await self.next("FirmwareStatusNotification", sim_seconds=30)
        statuses.append(installed["payload"]["status"])
        self.check("FirmwareStatusNotification Downloading, Downloaded, Installing, BootNotification, Installed",
                   reply == {} and statuses == ["Downloading", "Downloaded", "Installing", "Installed"]
                   and boot["answer"].get("status") == "Accepted",
                   ["Downloading", "Downloaded", "Installing", "Installed"], statuses)
        self.check("the firmware was fetched from the HTTP server", path in self.run.fetched,
                   f"GET {path}", sorted(p for p in self.run.fetched if self.cp in p))
        self.cursor = rebooted
        await self.status("Available", sim_seconds=30)
        await self.sleep_sim(10)
        after = [c["payload"]["status"] for c in self.calls()[rebooted:] if c["action"] == "FirmwareStatusNotification"]
        self.check("Installed reported once", after == ["Installed"], ["Installed"], after)
