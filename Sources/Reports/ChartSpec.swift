/// What one chart of a report shows: which readings, how they are scaled and coloured.
public struct ChartSpec: Sendable {
    /// One line on the chart.
    public struct Line: Sendable {
        /// The `sample` field it draws (`l1`, `power`, …).
        public var key: String
        /// The legend text.
        public var label: String
        /// An SVG colour.
        public var color: String
        /// The reading is multiplied by this (W → kW: 0.001).
        public var factor: Double = 1
        /// Drawn dashed (a limit rather than a measurement).
        public var dashed = false
    }

    /// Unique within a page: the SVG's id is `chart-<id>`.
    public var id: String
    /// The heading, with the unit.
    public var title: String
    /// The lines, drawn in order.
    public var lines: [Line]
    /// For a categorical reading: the key of ``ReportSession/categories`` naming its values.
    public var categories: String?
    /// Whether the y axis starts at zero.
    public var zeroBased = true
    /// The plot area's height in pixels.
    public var height: Double = 110

    /// The charts of a session report, top to bottom.
    public static let standard: [ChartSpec] = [
        ChartSpec(
            id: "pilot", title: "Pilot state", lines: [Line(key: "pilot", label: "pilot", color: "#1f77b4")],
            categories: "pilot", height: 90),
        ChartSpec(
            id: "duty", title: "Pilot duty (%)", lines: [Line(key: "duty", label: "duty", color: "#17becf")]),
        ChartSpec(
            id: "current", title: "Current per phase (A)",
            lines: [
                Line(key: "offered", label: "offered", color: "#7f7f7f", dashed: true),
                Line(key: "l1", label: "L1 drawn", color: "#1f77b4"),
                Line(key: "l2", label: "L2 drawn", color: "#ff7f0e"),
                Line(key: "l3", label: "L3 drawn", color: "#2ca02c"),
            ]),
        ChartSpec(
            id: "power", title: "Power (kW)",
            lines: [Line(key: "power", label: "power", color: "#d62728", factor: 0.001)]),
        ChartSpec(
            id: "energy", title: "Energy imported (kWh)",
            lines: [Line(key: "energy", label: "meter", color: "#9467bd", factor: 0.001)]),
        ChartSpec(
            id: "soc", title: "State of charge (%)",
            lines: [Line(key: "soc", label: "SoC", color: "#2ca02c", factor: 100)]),
        ChartSpec(
            id: "temperature", title: "Temperature (°C)",
            lines: [Line(key: "temp", label: "enclosure", color: "#e377c2")], zeroBased: false),
        ChartSpec(
            id: "relay", title: "Relay", lines: [Line(key: "relay", label: "relay", color: "#8c564b")],
            categories: "relay", height: 40),
        ChartSpec(
            id: "everest", title: "EVerest session state",
            lines: [Line(key: "everest", label: "EvseManager", color: "#bcbd22")], categories: "everest", height: 120),
    ]
}
