// The commands of open_evse `rapi_proc.h`. Availability per build: 8.2.3 official PlatformIO builds
// lack TIME_LIMIT, CHARGE_LIMIT, AUTH_LOCK, BOOTLOCK, VOLTMETER (`open_evse.h`); official D9 9.4.0 `core`
// builds lack BTN_MENU, HAVE_RTC, the LCD (LCD16X2 only in `.core.lcd`), AUTOSVCLEVEL, TIME_LIMIT,
// CHARGE_LIMIT, AUTH_LOCK, and have BOOTLOCK (D9 `platformio.ini`).

private let yes = RAPIAvailability.available
private let out = RAPIAvailability.compiledOut
private let no = RAPIAvailability.absent

extension RAPICommandTable {
    static let functionCommands: [RAPICommandSpec] = [
        .init(
            "F0", arguments: "0|1", reply: "`$OK`", summary: "Freeze (0) or resume and redraw (1) LCD updates",
            us: yes, eu: yes, d9: yes, notes: "Exactly 1 argument"),
        .init(
            "F1", reply: "`$OK`", summary: "Simulate a front-button short press (sleep ⇄ enable)",
            us: yes, eu: yes, d9: out, notes: "No effect in a fault state; `$AT` follows"),
        .init(
            "FB", arguments: "color", reply: "`$OK`", summary: "LCD backlight colour 0–7",
            us: yes, eu: yes, d9: out, notes: "D9: only in `.core.lcd` builds"),
        .init(
            "FC", reply: "`$OK`", summary: "Reset the fault counters and the total-energy counter",
            us: no, eu: no, d9: yes),
        .init(
            "FD", reply: "`$OK`", summary: "Disable: pilot −12 V, relay open, state `ff`",
            us: yes, eu: yes, d9: yes),
        .init(
            "FE", reply: "`$OK`", summary: "Enable from disabled or sleeping (state `00` until the next cycle)",
            us: yes, eu: yes, d9: yes, notes: "No-op, still `$OK`, in other states"),
        .init(
            "FF", arguments: "id 0|1", reply: "`$OK` / `$NK`", summary: "Enable (1) or disable (0) a feature",
            us: yes, eu: yes, d9: yes,
            notes: "Exactly 2 arguments; ids per build in `RAPICommandTable.featureSwitches`; "
                + "`$FF E 0` turns echo on (firmware bug)"),
        .init(
            "FH", reply: "`$OK`", summary: "Reset the relay-health estimate",
            us: no, eu: no, d9: yes),
        .init(
            "FK", reply: "`$OK` / `$NK`", summary: "Run stuck-relay recovery",
            us: no, eu: no, d9: yes, notes: "`$NK` with an EV connected; blocks up to ~30 s"),
        .init(
            "FO", arguments: "panic", reply: "`$OK` / `$NK`", summary: "Over-temperature panic threshold (0.1 °C)",
            us: no, eu: no, d9: yes, notes: "`$NK` if ≤ 0"),
        .init(
            "FP", arguments: "x y text…", reply: "`$OK` / `$NK`", summary: "Print text on the 16×2 LCD",
            us: yes, eu: yes, d9: out, notes: "Extra tokens re-joined with single spaces; `$NK` in a hard fault"),
        .init(
            "FR", reply: "none", summary: "Reboot",
            us: yes, eu: yes, d9: yes, notes: "Never replies; the boot output follows (quirk `noReplyToReboot`)"),
        .init(
            "FS", reply: "`$OK`", summary: "Sleep: pilot +12 V, state `fe`",
            us: yes, eu: yes, d9: yes, notes: "Relay opens when the EV leaves C, at ≤ 1 A, or after 3 s"),
    ]

    static let setCommands: [RAPICommandSpec] = [
        .init(
            "S0", arguments: "0|1", reply: "`$OK`", summary: "LCD type: 0 mono, 1 RGB",
            us: yes, eu: yes, d9: out, notes: "D9: only in `.core.lcd` builds"),
        .init(
            "S1", arguments: "yy mo dd hh mm ss", reply: "`$OK`", summary: "Set the RTC (2-digit year)",
            us: yes, eu: yes, d9: out, notes: "Exactly 6 arguments"),
        .init(
            "S2", arguments: "0|1", reply: "`$NK`", summary: "Ammeter calibration mode",
            us: out, eu: out, d9: out, notes: "Compiled out since 8.1"),
        .init(
            "S3", arguments: "cnt", reply: "`$OK` / `$NK`", summary: "Session charge-time limit, cnt × 15 min",
            us: out, eu: out, d9: out, notes: "Only in B or C"),
        .init(
            "S4", arguments: "0|1", reply: "`$OK`", summary: "Auth lock",
            us: out, eu: out, d9: out),
        .init(
            "S5", arguments: "A|M|0|1", reply: "`$OK` / `$NK`", summary: "Mennekes lock: auto, manual, unlock, lock",
            us: yes, eu: yes, d9: yes),
        .init(
            "SA", arguments: "scale offset", reply: "`$OK`", summary: "Ammeter scale factor and offset",
            us: yes, eu: yes, d9: yes, notes: "Exactly 2 arguments"),
        .init(
            "SB", reply: "`$OK 0` / `$OK 1`", summary: "Clear the boot lock (1: refused, in a fault state)",
            us: out, eu: out, d9: yes),
        .init(
            "SC", arguments: "amps [V|M|x]", reply: "`$OK <a>` / `$NK <a>`", summary: "Set the current capacity",
            us: yes, eu: yes, d9: yes,
            notes: "2 tokens: persistent; 3: volatile (`M`: hardware max, write-once); reply carries the result"),
        .init(
            "SH", arguments: "kWh", reply: "`$OK` / `$NK`", summary: "Session energy limit",
            us: out, eu: out, d9: out, notes: "Only in B or C"),
        .init(
            "SK", arguments: "Wh", reply: "`$OK`", summary: "Set the accumulated total energy",
            us: yes, eu: yes, d9: yes, notes: "No argument-count check"),
        .init(
            "SL", arguments: "1|2|A", reply: "`$OK` / `$NK`", summary: "Service level L1, L2 or auto-detect",
            us: yes, eu: yes, d9: yes, notes: "`A` answers `$NK` on EU and D9 (no auto-detection)"),
        .init(
            "SM", arguments: "scale offset", reply: "`$OK`", summary: "Voltmeter calibration",
            us: out, eu: out, d9: out, notes: "VOLTMETER builds only"),
        .init(
            "SN", arguments: "idx pin [r25 beta offset panic]", reply: "`$OK` / `$NK`",
            summary: "Cable NTC sensor configuration", us: no, eu: no, d9: yes, notes: "2 or 6 arguments"),
        .init(
            "SR", arguments: "n 0|1", reply: "`$OK` / `$NK`", summary: "Enable or disable relay output n (1–3)",
            us: no, eu: no, d9: yes, notes: "8.2.3 removed the legacy `$SR`"),
        .init(
            "ST", arguments: "sh sm eh em", reply: "`$OK`", summary: "Delay timer start and stop (all 0: off)",
            us: yes, eu: yes, d9: out, notes: "Exactly 4 arguments"),
        .init(
            "SV", arguments: "mV", reply: "`$OK`", summary: "Voltage for energy calculation (volatile)",
            us: yes, eu: yes, d9: yes),
        .init(
            "SY", arguments: "[165 | interval current]", reply: "`$OK i c t` / `$NK i c t`",
            summary: "Heartbeat supervision: pulse, acknowledge a miss, or configure",
            us: yes, eu: yes, d9: yes, notes: "Always returns the 3 status fields"),
        .init(
            "SZ", arguments: "mA", reply: "`$OK`", summary: "Relay-open current-zero threshold (0–5000)",
            us: no, eu: no, d9: yes),
    ]

    static let getCommands: [RAPICommandSpec] = [
        .init(
            "G0", reply: "`$OK n`", summary: "EV connection: 0 no, 1 yes, 2 unknown (disabled)",
            us: yes, eu: yes, d9: yes),
        .init("G3", reply: "`$OK cnt`", summary: "Time limit in 15-min units", us: out, eu: out, d9: out),
        .init("G4", reply: "`$OK 0|1`", summary: "Auth lock state", us: out, eu: out, d9: out),
        .init(
            "G5", reply: "`$OK 0|1 A|M`", summary: "Mennekes lock state and mode",
            us: yes, eu: yes, d9: yes),
        .init("GA", reply: "`$OK scale offset`", summary: "Ammeter settings", us: yes, eu: yes, d9: yes),
        .init(
            "GC", reply: "`$OK min hmax pilot cmax`", summary: "Current capacity range",
            us: yes, eu: yes, d9: yes, notes: "Decimal, e.g. `$OK 6 80 32 32`"),
        .init(
            "GD", reply: "`$OK sh sm eh em`", summary: "Delay timer (`0 0 0 0` when off)",
            us: yes, eu: yes, d9: out),
        .init(
            "GE", reply: "`$OK amps flags`", summary: "Current capacity and ECF flags",
            us: yes, eu: yes, d9: yes, notes: "Flags `%04x` lower-case"),
        .init(
            "GF", reply: "`$OK gfi nognd stuck`", summary: "Trip counters",
            us: yes, eu: yes, d9: yes, notes: "Hex without padding (`%x`)"),
        .init(
            "GG", reply: "`$OK mA mV`", summary: "Charging current and voltage",
            us: yes, eu: yes, d9: yes),
        .init("GH", reply: "`$OK kWh`", summary: "Charge energy limit", us: out, eu: out, d9: out),
        .init(
            "GI", reply: "`$OK  <6 bytes><8 hex>`", summary: "MCU id",
            us: yes, eu: yes, d9: yes, notes: "AVR: two spaces after `OK`, 6 raw bytes, 8 upper-case hex digits"),
        .init(
            "GL", reply: "`$OK pct cold dmg tbase tdrift therm thbase thwarn [recov]`",
            summary: "Relay life estimate", us: no, eu: no, d9: yes),
        .init("GM", reply: "`$OK scale offset`", summary: "Voltmeter settings", us: out, eu: out, d9: out),
        .init(
            "GN", arguments: "[idx]", reply: "`$OK ev1 ev2 in1 in2` / `$OK pin r25 beta offset panic`",
            summary: "Cable temperatures (0.1 °C) or one sensor's configuration", us: no, eu: no, d9: yes),
        .init(
            "GO", reply: "`$OK panic`", summary: "Over-temperature panic threshold (0.1 °C)",
            us: out, eu: out, d9: yes, notes: "8.2.3: never enabled"),
        .init(
            "GP", reply: "`$OK ds3231 mcp9808 tmp007`", summary: "Temperatures (0.1 °C)",
            us: yes, eu: yes, d9: yes, notes: "−2560 for an absent sensor"),
        .init("GR", reply: "`$OK dc1 dc2 ac`", summary: "Relay enable flags", us: no, eu: no, d9: yes),
        .init(
            "GS", reply: "`$OK state elapsed pilot vflags`", summary: "EVSE state",
            us: yes, eu: yes, d9: yes, notes: "`%02x %ld %02x %04x`, hex lower-case"),
        .init(
            "GT", reply: "`$OK yy mo dd hh mm ss`", summary: "RTC time",
            us: yes, eu: yes, d9: out, notes: "No RTC chip: `165 165 165 165 165 85`"),
        .init(
            "GU", reply: "`$OK Ws Wh`", summary: "Session energy (Ws) and lifetime total (Wh)",
            us: yes, eu: yes, d9: yes),
        .init("GV", reply: "`$OK fw rapi`", summary: "Firmware and protocol versions", us: yes, eu: yes, d9: yes),
        .init(
            "GW", reply: "`$OK hot lastmA closems openms`", summary: "Relay wear diagnostics",
            us: no, eu: no, d9: yes),
        .init(
            "GY", reply: "`$OK interval current trigger`", summary: "Heartbeat supervision status",
            us: yes, eu: yes, d9: yes),
        .init(
            "GZ", reply: "`$OK freqx100 zerothreshma`", summary: "AC frequency ×100 and zero-current threshold",
            us: no, eu: no, d9: yes),
    ]

    static let testCommands: [RAPICommandSpec] = [
        .init(
            "T0", arguments: "amps", reply: "`$OK`", summary: "Fake charging current (debug builds)",
            us: out, eu: out, d9: out),
        .init(
            "Z0", arguments: "closems holdpwm", reply: "`$OK`", summary: "V6 relay close pulse and hold PWM",
            us: yes, eu: yes, d9: yes, notes: "Prints `\\nZ0 a b\\r\\n` before the reply"),
    ]
}
