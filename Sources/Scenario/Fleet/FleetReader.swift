import EVSEModel
import JSON
import SimCore

/// Reads a fleet file on top of ``DocumentReader``: every issue is collected, then thrown at once.
struct FleetReader {
    var reader: DocumentReader
    let library: ProfileLibrary

    static let topKeys = ["schema", "name", "description", "seed", "start", "stations", "generator"]
    static let generatorKeys = ["count", "station", "vehicles", "arrivals", "stay", "targetSoc"]
    static let entryKeys = ["station", "vehicle", "plug", "unplug", "targetSoc"]
    static let timeExpected = #"a time like "90m" (from the start) or "17:00" (UTC clock time)"#
    static let maximumCount = 100_000

    init(file: String, library: ProfileLibrary) {
        reader = DocumentReader(file: file)
        self.library = library
    }

    mutating func read(_ root: JSONNode) -> FleetDocument? {
        if let schema = root.value["schema"], schema.stringValue != FleetDocument.schemaTag {
            reader.report(
                JSONNode(schema, path: root.path.appending("schema")), expected: #"the schema tag "evsesim/fleet@1""#)
            return nil
        }
        guard let top = reader.fields(root, of: "a fleet", allowed: Self.topKeys, required: ["schema"]) else {
            return nil
        }
        let name = top["name"].map { reader.string($0, expected: "a non-empty name") } ?? reader.file
        _ = top["description"].map { reader.string($0, allowEmpty: true) }
        let seed = top["seed"].map { reader.unsignedInteger($0) } ?? 1
        let start = top["start"].map { reader.startTime($0) } ?? .defaultStart
        let source: FleetDocument.Source?
        switch (top["stations"], top["generator"]) {
        case (let list?, nil): source = start.flatMap { readStations(list, start: $0) }.map { .stations($0) }
        case (nil, let generator?):
            source = start.flatMap { readGenerator(generator, start: $0) }.map { .generator($0) }
        case (_?, _?):
            reader.report(root, expected: #"either "stations" or "generator""#, found: "both")
            source = nil
        case (nil, nil):
            reader.report(
                at: root.location, path: root.path, expected: #"a "stations" list or a "generator""#,
                found: "a fleet with neither")
            source = nil
        }
        guard let name, let seed, let start, let source else { return nil }
        return FleetDocument(file: reader.file, name: name, seed: seed, start: start, source: source)
    }

    // MARK: - stations

    private mutating func readStations(_ node: JSONNode, start: WallTime) -> [FleetStationPlan]? {
        guard let elements = reader.elements(node, expected: "an array of stations") else { return nil }
        guard (1...Self.maximumCount).contains(elements.count) else {
            reader.report(node, expected: "1 to \(Self.maximumCount) stations", found: "\(elements.count)")
            return nil
        }
        var plans: [FleetStationPlan] = []
        for (index, element) in elements.enumerated() {
            guard
                let fields = reader.fields(
                    element, of: "a fleet station", allowed: Self.entryKeys, required: ["station"])
            else { continue }
            let station = fields["station"].flatMap { readStation($0) }
            let vehicle = readVehicle(fields["vehicle"])
            let plug = fields["plug"].flatMap { readTime($0, start: start) }
            var unplug = fields["unplug"].flatMap { readTime($0, start: start) }
            if let node = fields["unplug"], let after = unplug {
                if fields["plug"] == nil {
                    reader.report(node, expected: #"no "unplug" without a "plug""#, found: "an unplug")
                    unplug = nil
                } else if let plug, after <= plug {
                    reader.report(node, expected: "a time after the plug (\(plug))")
                    unplug = nil
                }
            }
            var target: Double?
            if let node = fields["targetSoc"] { target = reader.number(node, in: 0...1) }
            guard let station, var vehicle else { continue }
            if let target { vehicle.profile.targetSoc = target }
            plans.append(
                FleetStationPlan(
                    index: index, station: station, vehicle: vehicle.profile, vehicleName: vehicle.name, plug: plug,
                    unplug: unplug))
        }
        return plans.count == elements.count ? plans : nil
    }

    // MARK: - generator

    private mutating func readGenerator(_ node: JSONNode, start: WallTime) -> FleetGenerator? {
        guard
            let fields = reader.fields(
                node, of: "a fleet generator", allowed: Self.generatorKeys,
                required: ["count", "station", "vehicles", "arrivals"])
        else { return nil }
        let count = fields["count"].flatMap { reader.integer($0, in: 1...Int64(Self.maximumCount)) }
        let station = fields["station"].flatMap { readStation($0) }
        let vehicles = fields["vehicles"].flatMap { readVehicleChoices($0) }
        let arrivals = fields["arrivals"].flatMap { node in
            readRange(node, keys: ("from", "to")) { reader, n in FleetReader.time(n, start: start, &reader) }
        }
        let stay = fields["stay"].map { node in
            readRange(node, keys: ("min", "max")) { reader, n in reader.duration(n) }
        }
        let targetSoc = fields["targetSoc"].map { node in
            readRange(node, keys: ("min", "max")) { reader, n in reader.number(n, in: 0...1) }
        }
        guard let count, let station, let vehicles, let arrivals else { return nil }
        if let stay, stay == nil { return nil }
        if let targetSoc, targetSoc == nil { return nil }
        return FleetGenerator(
            count: Int(count), station: station, vehicles: vehicles, arrivals: arrivals, stay: stay ?? nil,
            targetSoc: targetSoc ?? nil)
    }

    private mutating func readVehicleChoices(_ node: JSONNode) -> [FleetGenerator.VehicleChoice]? {
        guard let elements = reader.elements(node, expected: "an array of vehicles") else { return nil }
        guard !elements.isEmpty else {
            reader.report(node, expected: "at least one vehicle", found: "an empty array")
            return nil
        }
        var choices: [FleetGenerator.VehicleChoice] = []
        for element in elements {
            var weight: Int64? = 1
            var selection = element
            if var object = element.value.objectValue, let w = object["weight"] {
                weight = reader.integer(JSONNode(w, path: element.path.appending("weight")), in: 1...1_000_000)
                object.remove("weight")
                selection = JSONNode(JSONValue(.object(object), location: element.location), path: element.path)
            }
            guard let vehicle = readVehicle(selection), let weight else { continue }
            choices.append(.init(name: vehicle.name, profile: vehicle.profile, weight: Int(weight)))
        }
        return choices.count == elements.count ? choices : nil
    }

    /// `{"from": a, "to": b}` with a ≤ b.
    private mutating func readRange<T: Comparable>(
        _ node: JSONNode, keys: (String, String), _ read: (inout DocumentReader, JSONNode) -> T?
    ) -> ClosedRange<T>? {
        guard
            let fields = reader.fields(
                node, of: "a range", allowed: [keys.0, keys.1], required: [keys.0, keys.1])
        else { return nil }
        guard let lowNode = fields[keys.0], let highNode = fields[keys.1] else { return nil }
        let low = read(&reader, lowNode)
        let high = read(&reader, highNode)
        guard let low, let high else { return nil }
        guard low <= high else {
            reader.report(highNode, expected: "a value at or above \(keys.0) (\(low))")
            return nil
        }
        return low...high
    }

    // MARK: - values

    private mutating func readTime(_ node: JSONNode, start: WallTime) -> SimDuration? {
        Self.time(node, start: start, &reader)
    }

    /// A duration from the start, or a UTC clock time `HH:MM[:SS]` (its first occurrence at or
    /// after the start).
    static func time(_ node: JSONNode, start: WallTime, _ reader: inout DocumentReader) -> SimDuration? {
        guard let text = node.value.stringValue else {
            reader.report(node, expected: timeExpected)
            return nil
        }
        if text.contains(":") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard (2...3).contains(parts.count), let h = parts[0], let m = parts[1],
                let s = parts.count == 3 ? parts[2] : 0,
                (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s)
            else {
                reader.report(node, expected: timeExpected)
                return nil
            }
            let day: Int64 = 86_400
            let startOfDay = ((start.startEpochSeconds % day) + day) % day
            let offset = ((Int64(h * 3600 + m * 60 + s) - startOfDay) % day + day) % day
            return .seconds(offset)
        }
        guard let d = try? SimDuration(parsing: text), d >= .zero else {
            reader.report(node, expected: timeExpected)
            return nil
        }
        return d
    }

    private mutating func readStation(_ node: JSONNode) -> StationProfile? {
        guard let selection = reader.profileSelection(node, kind: "station", names: library.stationNames) else {
            return nil
        }
        do {
            return try library.stationProfile(selection, file: reader.file)
        } catch {
            for issue in error.issues { reader.report(issue) }
            return nil
        }
    }

    private mutating func readVehicle(_ node: JSONNode?) -> (name: String, profile: VehicleProfile)? {
        let selection = node.flatMap { reader.profileSelection($0, kind: "vehicle", names: library.vehicleNames) }
        if node != nil, selection == nil { return nil }
        do {
            let profile = try library.vehicleProfile(selection, file: reader.file)
            return (selection?.profile ?? library.vehicleNames.first ?? "default", profile)
        } catch {
            for issue in error.issues { reader.report(issue) }
            return nil
        }
    }

}
