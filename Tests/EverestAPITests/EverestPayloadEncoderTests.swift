import EVSEModel
import SimCore
import Testing

@testable import EverestAPI

@Suite("Payload encoders: exact bytes in both flavours (API module API.cpp, limit_decimal_places.cpp)")
struct EverestPayloadEncoderTests {
    /// 2026-05-06T09:51:28Z, the instant of the reference's session_info example.
    private let wallTime = WallTime(rfc3339: "2026-05-06T09:51:28Z")!
    private var real: EverestPayloadEncoder { EverestPayloadEncoder(flavor: .everest, wallTime: wallTime) }
    private var documented: EverestPayloadEncoder { EverestPayloadEncoder(flavor: .documented, wallTime: wallTime) }
    private let at123 = SimInstant.zero + .milliseconds(123)
    private let startupRow = EnableDisableRow(source: .unspecified, state: .enable, priority: 10_000)

    private func text(_ bytes: [UInt8]?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    @Test("session_info, everest-2026: the reference's SIL example byte for byte")
    func sessionInfoReferenceExample() {
        let info = SessionInfoReading(
            state: .charging, chargedEnergyWh: 1243, chargingDurationSeconds: 421, latestTotalW: 10662,
            activeEnableDisableSource: startupRow)
        #expect(
            text(real.sessionInfo(info, at: at123))
                == #"{"active_enable_disable_source":{"priority":10000,"source":"Unspecified","state":"Enable"},"#
                + #""charged_energy_wh":1243,"charging_duration_s":421,"datetime":"2026-05-06T09:51:28.123Z","#
                + #""discharged_energy_wh":0,"latest_total_w":10662.0,"permanent_fault":false,"state":"Charging"}"#)
    }

    @Test("session_info before the first Enabled event: the module's odd default vs the start-up row")
    func sessionInfoBeforeStartUp() {
        let info = SessionInfoReading(state: .unknown)
        #expect(
            text(real.sessionInfo(info, at: .zero))
                == #"{"active_enable_disable_source":{"priority":0,"source":"Unspecified","state":"Enabled"},"#
                + #""charged_energy_wh":0,"charging_duration_s":0,"datetime":"2026-05-06T09:51:28.000Z","#
                + #""discharged_energy_wh":0,"latest_total_w":0.0,"permanent_fault":false,"state":"Unknown"}"#)
        #expect(
            text(documented.sessionInfo(info, at: .zero))
                == #"{"active_enable_disable_source":{"priority":10000,"source":"Unspecified","state":"Enable"},"#
                + #""charged_energy_wh":0,"charging_duration_s":0,"datetime":"2026-05-06T09:51:28.000Z","#
                + #""discharged_energy_wh":0,"last_enable_disable_source":"Unspecified","latest_total_w":0.0,"#
                + #""permanent_fault":false,"state":"Unknown"}"#)
    }

    @Test("session_info with a running random delay: floats widened in everest-2026 only")
    func sessionInfoWithDelay() {
        let delay = UKRandomDelayCountdown(
            countdownSeconds: 34, currentLimitAfterDelayA: 16.1, currentLimitDuringDelayA: 0,
            startTime: .zero + .seconds(-5))
        let info = SessionInfoReading(
            state: .charging, chargedEnergyWh: -3, chargingDurationSeconds: 7200, dischargedEnergyWh: 12,
            latestTotalW: 10662.3, permanentFault: true,
            activeEnableDisableSource: EnableDisableRow(source: .csms, state: .disable, priority: 5000),
            ukRandomDelay: delay)
        #expect(
            text(real.sessionInfo(info, at: .zero))
                == #"{"active_enable_disable_source":{"priority":5000,"source":"CSMS","state":"Disable"},"#
                + #""charged_energy_wh":-3,"charging_duration_s":7200,"datetime":"2026-05-06T09:51:28.000Z","#
                + #""discharged_energy_wh":12,"latest_total_w":10662.2998046875,"permanent_fault":true,"#
                + #""state":"Charging","uk_random_delay":{"current_limit_after_delay_A":16.100000381469727,"#
                + #""current_limit_during_delay_A":0.0,"remaining_s":34,"start_time":"2026-05-06T09:51:23.000Z"}}"#)
        #expect(
            text(documented.sessionInfo(info, at: .zero))
                == #"{"active_enable_disable_source":{"priority":5000,"source":"CSMS","state":"Disable"},"#
                + #""charged_energy_wh":-3,"charging_duration_s":7200,"datetime":"2026-05-06T09:51:28.000Z","#
                + #""discharged_energy_wh":12,"last_enable_disable_source":"CSMS","latest_total_w":10662.3,"#
                + #""permanent_fault":true,"state":"Charging","uk_random_delay":{"current_limit_after_delay_A":16.1,"#
                + #""current_limit_during_delay_A":0.0,"remaining_s":34,"start_time":"2026-05-06T09:51:23.000Z"}}"#)
    }

    @Test("a finished countdown or one without a start time")
    func sessionInfoDelayEdges() throws {
        let zero = UKRandomDelayCountdown(countdownSeconds: 0, currentLimitAfterDelayA: 16, currentLimitDuringDelayA: 0)
        let none = try #require(
            text(real.sessionInfo(SessionInfoReading(state: .charging, ukRandomDelay: zero), at: .zero)))
        #expect(!none.contains("uk_random_delay"))
        let noStart = UKRandomDelayCountdown(
            countdownSeconds: 2, currentLimitAfterDelayA: 6, currentLimitDuringDelayA: 32)
        let shown = try #require(
            text(real.sessionInfo(SessionInfoReading(state: .charging, ukRandomDelay: noStart), at: .zero)))
        #expect(
            shown.hasSuffix(
                #""uk_random_delay":{"current_limit_after_delay_A":6.0,"current_limit_during_delay_A":32.0,"#
                    + #""remaining_s":2,"start_time":""}}"#))
    }

    @Test("session_info straight from a tracker")
    func sessionInfoFromTracker() {
        var tracker = EverestSessionTracker(startedAt: .zero)
        tracker.handle(.enabled(source: startupRow), at: .zero)
        tracker.handle(.sessionStarted, at: .zero)
        tracker.handle(.authRequired, at: .zero)
        tracker.handlePowermeter(importWh: 12.9, totalW: 230.5, at: .zero + .seconds(3))
        let bytes = text(real.sessionInfo(SessionInfoReading(tracker), at: .zero + .seconds(3)))
        #expect(
            bytes
                == #"{"active_enable_disable_source":{"priority":10000,"source":"Unspecified","state":"Enable"},"#
                + #""charged_energy_wh":12,"charging_duration_s":3,"datetime":"2026-05-06T09:51:31.000Z","#
                + #""discharged_energy_wh":0,"latest_total_w":230.5,"permanent_fault":false,"state":"AuthRequired"}"#)
    }

    @Test("hardware_capabilities: YetiSimulator's values in both flavours")
    func hardwareCapabilities() {
        let caps = HardwareCapabilities()
        #expect(
            text(real.hardwareCapabilities(caps))
                == #"{"max_phase_count_import": 3,"min_phase_count_import": 1,"max_phase_count_export": 3,"#
                + #""min_phase_count_export": 1,"supports_changing_phases_during_charging": true,"#
                + #""max_current_A_import": 32.00,"min_current_A_import": 6.00,"max_current_A_export": 16.00,"#
                + #""min_current_A_export": 0.00,"connector_type": "IEC62196Type2Cable"}"#)
        #expect(
            text(documented.hardwareCapabilities(caps))
                == #"{"connector_type":"IEC62196Type2Cable","max_current_A_export":16.0,"max_current_A_import":32.0,"#
                + #""max_phase_count_export":3,"max_phase_count_import":3,"min_current_A_export":0.0,"#
                + #""min_current_A_import":6.0,"min_phase_count_export":1,"min_phase_count_import":1,"#
                + #""supports_changing_phases_during_charging":true}"#)
    }

    @Test("hardware_capabilities before the first capabilities: empty message vs none")
    func hardwareCapabilitiesUnknown() {
        #expect(real.hardwareCapabilities(nil) == [])
        #expect(documented.hardwareCapabilities(nil) == nil)
    }

    @Test("hardware_capabilities decimal settings, including the shared-decimals bug")
    func hardwareCapabilitiesDecimals() {
        var places = EverestDecimalPlaces()
        places.hwCapsMaxCurrentImport = .init(decimalPlaces: 1)
        places.hwCapsMinCurrentImport = .init(decimalPlaces: 3, roundTo: 0.5)
        places.hwCapsMaxCurrentExport = .init(decimalPlaces: 4)
        places.hwCapsMinCurrentExport = .init(decimalPlaces: 0)
        places.hwCapsMaxPlugTemperatureC = .init(decimalPlaces: 1)
        let encoder = EverestPayloadEncoder(flavor: .everest, wallTime: wallTime, decimalPlaces: places)
        let caps = HardwareCapabilities(
            maxPhaseCountImport: 1, maxPhaseCountExport: 1, supportsChangingPhasesDuringCharging: false,
            maxCurrentAImport: 16, minCurrentAImport: 6.3, maxCurrentAExport: 0, maxPlugTemperatureC: 90,
            connectorType: .type2Socket)
        #expect(
            text(encoder.hardwareCapabilities(caps))
                == #"{"max_phase_count_import": 1,"min_phase_count_import": 1,"max_phase_count_export": 1,"#
                + #""min_phase_count_export": 1,"supports_changing_phases_during_charging": false,"#
                + #""max_current_A_import": 16.0,"min_current_A_import": 6.5,"max_current_A_export": 0.0,"#
                + #""min_current_A_export": 0,"max_plug_temperature_C": 90.0,"connector_type": "IEC62196Type2Socket"}"#)
    }

    @Test("limits: rapidyaml order with and without uuid, and the README shape")
    func limits() {
        #expect(
            text(real.limits(LimitsReading(uuid: "evse_manager", nrOfPhasesAvailable: 3, maxCurrentA: 16)))
                == #"{"uuid": "evse_manager","nr_of_phases_available": 3,"max_current": 16.00}"#)
        #expect(
            text(real.limits(LimitsReading(nrOfPhasesAvailable: 1, maxCurrentA: -6.555)))
                == #"{"nr_of_phases_available": 1,"max_current": -6.55}"#)
        #expect(
            text(documented.limits(LimitsReading(uuid: "evse_manager", nrOfPhasesAvailable: 1, maxCurrentA: 16)))
                == #"{"max_current":16.0,"nr_of_phases_available":1,"uuid":"evse_manager"}"#)
    }

    @Test("telemetry: the phase_seq_error key bug vs the README's relais_on and rcd_current")
    func telemetry() {
        let reading = TelemetryReading(evseTemperatureC: 56.986, relaisOn: true, rcdCurrentMA: 0.1)
        #expect(
            text(real.telemetry(reading))
                == #"{"phase_seq_error": true,"temperature": 56.99,"fan_rpm": 1500.00,"supply_voltage_12V": 12.01,"#
                + #""supply_voltage_minus_12V": -11.80}"#)
        #expect(
            text(documented.telemetry(reading))
                == #"{"fan_rpm":1500.0,"rcd_current":0.1,"relais_on":true,"supply_voltage_12V":12.01,"#
                + #""supply_voltage_minus_12V":-11.8,"temperature":56.986}"#)
        let withPlug = TelemetryReading(evseTemperatureC: 25, relaisOn: false, plugTemperatureC: 31.25)
        #expect(
            text(real.telemetry(withPlug))?.hasSuffix(
                #""supply_voltage_minus_12V": -11.80,"plug_temperature_C": 31.25}"#) == true)
        #expect(
            text(documented.telemetry(withPlug))?.contains(#""plug_temperature_C":31.25,"rcd_current":0.0"#) == true)
    }

    @Test("powermeter: every optional group, in the module's order and in sorted order")
    func powermeter() {
        let reading = PowermeterReading(
            timestamp: .zero + .milliseconds(1500), meterID: "YETI_POWERMETER", phaseSeqError: false,
            energyWhImport: .init(total: 4611.954, l1: 1537.318, l2: 1537.318, l3: 1537.318),
            energyWhExport: .init(total: 0), powerW: .init(total: 10807.64, l1: 3602.55, l2: 3602.55, l3: 3602.55),
            voltageV: .init(l1: 223.574, l2: 223.574, l3: 223.574), reactivePowerVAR: .init(total: 1),
            currentA: .init(l1: 16.11, l2: 16.11, l3: 16.11, n: 0.2),
            frequencyHz: .init(l1: 50.037, l2: 50.037, l3: 50.037))
        #expect(
            text(real.powermeter(reading))
                == #"{"timestamp": "2026-05-06T09:51:29Z","meter_id": "YETI_POWERMETER","phase_seq_error": false,"#
                + #""energy_Wh_import": {"total": 4611.95,"L1": 1537.32,"L2": 1537.32,"L3": 1537.32},"#
                + #""energy_Wh_export": {"total": 0.00},"#
                + #""power_W": {"total": 10807.64,"L1": 3602.55,"L2": 3602.55,"L3": 3602.55},"#
                + #""voltage_V": {"L1": 223.57,"L2": 223.57,"L3": 223.57},"VAR": {"total": 1.00},"#
                + #""current_A": {"L1": 16.11,"L2": 16.11,"L3": 16.11,"N": 0.20},"#
                + #""frequency_Hz": {"L1": 50.04,"L2": 50.04,"L3": 50.04}}"#)
        #expect(
            text(documented.powermeter(reading))
                == #"{"VAR":{"total":1.0},"current_A":{"L1":16.11,"L2":16.11,"L3":16.11,"N":0.2},"#
                + #""energy_Wh_export":{"total":0.0},"#
                + #""energy_Wh_import":{"L1":1537.318,"L2":1537.318,"L3":1537.318,"total":4611.954},"#
                + #""frequency_Hz":{"L1":50.037,"L2":50.037,"L3":50.037},"meter_id":"YETI_POWERMETER","#
                + #""phase_seq_error":false,"power_W":{"L1":3602.55,"L2":3602.55,"L3":3602.55,"total":10807.64},"#
                + #""timestamp":1778061089.5,"voltage_V":{"L1":223.574,"L2":223.574,"L3":223.574}}"#)
    }

    @Test("powermeter with only the required import total; DC lines")
    func powermeterMinimal() {
        let reading = PowermeterReading(
            timestamp: .zero, energyWhImport: .init(total: 10), voltageV: .init(dc: 400), currentA: .init(dc: -12.5))
        #expect(
            text(real.powermeter(reading))
                == #"{"timestamp": "2026-05-06T09:51:28Z","energy_Wh_import": {"total": 10.00},"#
                + #""voltage_V": {"DC": 400.00},"current_A": {"DC": -12.50}}"#)
    }

    @Test("active_errors: sorted ErrorObjects, the same in both flavours")
    func activeErrors() {
        var errors = ActiveErrors(random: RandomStream(seed: 1, name: "errors"))
        let bsp = EverestError.Origin(moduleID: "yeti_driver", implementationID: "board_support")
        errors.raise(.gfi, origin: bsp, at: .zero + .milliseconds(250))
        let cause = errors.errors[0]
        let inoperative = errors.errors[1]
        let expected =
            #"[{"description":"Ground fault circuit interrupter has been activated.","message":"Simulated fault event","#
            + #""origin":{"implementation_id":"board_support","module_id":"yeti_driver"},"severity":"High","#
            + #""state":"Active","sub_type":"","timestamp":"2026-05-06T09:51:28.250Z","#
            + #""type":"evse_board_support/MREC2GroundFailure","uuid":"\#(cause.uuid)"},"#
            + #"{"description":"MREC2GroundFailure","message":"evse_board_support/MREC2GroundFailure","#
            + #""origin":{"implementation_id":"evse","module_id":"evse_manager"},"severity":"High","#
            + #""state":"Active","sub_type":"","timestamp":"2026-05-06T09:51:28.250Z","#
            + #""type":"evse_manager/Inoperative","uuid":"\#(inoperative.uuid)"}]"#
        #expect(text(real.activeErrors(errors.errors)) == expected)
        #expect(text(documented.activeErrors(errors.errors)) == expected)
        #expect(text(real.activeErrors([])) == "[]")
    }

    @Test("the raw and array topics")
    func simpleTopics() {
        #expect(text(real.connectors(["evse_manager"])) == #"["evse_manager"]"#)
        #expect(text(documented.connectors(["connector_1", "connector_2"])) == #"["connector_1","connector_2"]"#)
        #expect(text(real.datetime(at: .zero + .milliseconds(1500))) == "2026-05-06T09:51:29.500Z")
        #expect(text(real.ocppConnectionStatus(.unknown)) == "unknown")
        #expect(text(documented.ocppConnectionStatus(.disconnected)) == "disconnected")
    }
}
