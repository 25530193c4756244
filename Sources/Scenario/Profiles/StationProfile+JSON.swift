import EVSEModel
import JSON

extension StationProfile {
    /// The keys a station profile file (or a scenario's `"station"` overrides) may set.
    static var jsonFields: ProfileFields<StationProfile> {
        ProfileFields(
            fields: [
                .string("id", \.id), .string("description", \.description),
                .string("firmwareVersion", \.firmwareVersion), .string("rapiVersion", \.rapiVersion),
                .integer("hardwareMaxAmps", \.hardwareMaxAmps), .integer("configuredMaxAmps", \.configuredMaxAmps),
                .number("nominalVoltage", \.nominalVoltage), .number("frequencyHz", \.frequencyHz),
                .integer("phases", \.phases), .number("lineImpedanceOhm", \.lineImpedanceOhm),
                .number("meterNoise", \.meterNoise), .string("pwmMapping", \.pwmMapping),
                .optionalInteger("cableAmps", \.cableAmps),
                .duration("relayCloseDelay", \.relayCloseDelay), .duration("relayOpenDelay", \.relayOpenDelay),
                .duration("gfiSelfTestDuration", \.gfiSelfTestDuration), .duration("bootDuration", \.bootDuration),
                .bool("overCurrentCheck", \.overCurrentCheck),
                .duration("faultRetryInterval", \.faultRetryInterval), .integer("faultRetryCount", \.faultRetryCount),
                .bool("bootLock", \.bootLock),
                .number("ambientCelsius", \.ambientCelsius),
                .number("selfHeatingCelsiusPerAmpSquared", \.selfHeatingCelsiusPerAmpSquared),
                .duration("thermalTimeConstant", \.thermalTimeConstant),
                .number("throttleCelsius", \.throttleCelsius), .number("restoreCelsius", \.restoreCelsius),
                .number("shutdownStageCelsius", \.shutdownStageCelsius),
                .number("shutdownRestoreCelsius", \.shutdownRestoreCelsius), .number("panicCelsius", \.panicCelsius),
                .nested(
                    "temperatureSensors", \.temperatureSensors,
                    ProfileFields<TemperatureSensors>(fields: [
                        .nested("mcp9808", \.mcp9808, temperatureSensorFields),
                        .nested("ds3231", \.ds3231, temperatureSensorFields),
                    ])),
                .nested(
                    "ukRandomDelay", \.ukRandomDelay,
                    ProfileFields<UKRandomDelaySettings>(fields: [
                        .bool("enabled", \.enabled), .duration("maxDuration", \.maxDuration),
                        .bool("atAnyChange", \.atAnyChange),
                    ])),
                .nested(
                    "everest", \.everest,
                    ProfileFields<EverestSettings>(fields: [
                        .string("evseId", \.evseId), .string("connectorType", \.connectorType),
                        .number("minCurrentAmps", \.minCurrentAmps), .bool("legacyCounters", \.legacyCounters),
                        .init(key: "authorization") { settings, node, reader in
                            reader.name(node, as: EverestAuthorization.self, expected: "an authorization mode").map {
                                settings.authorization = $0
                            }
                        },
                        .duration("connectionTimeout", \.connectionTimeout),
                    ])),
                .nested(
                    "system", \.system,
                    ProfileFields<SystemSettings>(fields: [
                        .integer("firmwareImageBytes", \.firmwareImageBytes),
                        .integer("downloadBytesPerSecond", \.downloadBytesPerSecond),
                        .duration("installDuration", \.installDuration), .duration("rebootDelay", \.rebootDelay),
                        .duration("uploadDuration", \.uploadDuration),
                        .string("updatedFirmwareVersion", \.updatedFirmwareVersion),
                        .bool("softResetWhileCharging", \.softResetWhileCharging),
                    ])),
            ] + firmwareSettingFields)
    }

    /// One temperature sensor: `offsetCelsius`, and `timeConstant` (null: the enclosure's).
    static var temperatureSensorFields: ProfileFields<TemperatureSensor> {
        ProfileFields(fields: [
            .number("offsetCelsius", \.offsetCelsius),
            .init(key: "timeConstant") { sensor, node, reader in
                if node.value.isNull {
                    sensor.timeConstant = nil
                } else if let d = reader.duration(node, allowZero: false) {
                    sensor.timeConstant = d
                }
            },
        ])
    }

    /// `commandSet` (a build name) and `rapiQuirks` (quirk names to booleans, merged key by key
    /// over the profile's): typed when read, so a misspelt build or quirk is a located error
    /// naming the valid choices.
    static var firmwareSettingFields: [ProfileFields<StationProfile>.Field] {
        [
            .init(key: "commandSet") { profile, node, reader in
                reader.name(node, as: RAPIFirmware.self, expected: "a RAPI command set").map { profile.commandSet = $0 }
            },
            .init(key: "rapiQuirks") { profile, node, reader in
                guard let object = node.value.objectValue else {
                    reader.report(node, expected: "an object of quirk names to true or false")
                    return
                }
                for member in object.members {
                    let key = JSONNode(
                        JSONValue(.string(member.key), location: member.keyLocation ?? member.value.location),
                        path: node.path.appending(member.key))
                    guard let quirk = reader.name(key, as: RAPIQuirks.Name.self, expected: "a RAPI quirk") else {
                        continue
                    }
                    let value = JSONNode(member.value, path: node.path.appending(member.key))
                    reader.bool(value).map { profile.rapiQuirks[quirk] = $0 }
                }
            },
        ]
    }
}
