import Scenario
import SimCore
import Testing

@testable import Reports

@Suite struct ChartRenderingTests {
    @Test func linearScaleMapsTheDomainOntoTheRange() {
        let y = LinearScale(domain: (0, 40), range: (130, 20))
        #expect(y(0) == 130)
        #expect(y(40) == 20)
        #expect(y(10) == 102.5)
    }

    @Test(arguments: [(0.0, 37.2, 4), (-3.0, 12.0, 4), (0.0, 7_400.0, 5), (20.0, 21.0, 4)])
    func ticksAreRoundAndCoverTheDomain(lower: Double, upper: Double, count: Int) {
        let (lo, hi) = LinearScale.niceDomain(lower, upper, count: count)
        #expect(lo <= lower && hi >= upper)
        let ticks = LinearScale(domain: (lo, hi), range: (0, 1)).ticks(count: count)
        #expect(ticks.first == lo && ticks.last == hi)
        #expect(ticks.count <= 2 * count + 1)
        let step = ticks[1] - ticks[0]
        let mantissa = step / pow10(floorLog10(step))
        #expect([1.0, 2, 5].contains { abs($0 - mantissa) < 1e-9 })
    }

    func floorLog10(_ v: Double) -> Int {
        var p = 0
        var x = v
        while x >= 10 {
            x /= 10
            p += 1
        }
        while x < 1 {
            x *= 10
            p -= 1
        }
        return p
    }

    func pow10(_ p: Int) -> Double { p >= 0 ? (0..<p).reduce(1.0) { r, _ in r * 10 } : 1 / pow10(-p) }

    @Test func emptyDomainIsWidened() {
        let s = LinearScale(domain: (5, 5), range: (0, 100))
        #expect(s(5) == 50)
    }

    @Test(arguments: [1, 7, 60, 3600])
    func downsamplingKeepsEveryBucketsMinimumAndMaximum(width: Int) {
        // A noisy week at 10 s with rare spikes: the spikes must survive.
        var points: [ChartPoint] = []
        var state: UInt64 = 42
        for i in 0..<60_480 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var v = Double(state >> 40 % 1000) / 100
            if i % 10_007 == 0 { v = 1_000 }
            if i % 9_973 == 5 { v = -1_000 }
            points.append(ChartPoint(Double(i * 10), v))
        }
        let thin = Downsampler.minMax(points, width: Double(width) * 10)
        #expect(thin.count <= 4 * (60_480 / width + 1))
        #expect(thin.map(\.t) == thin.map(\.t).sorted())
        var buckets: [Int: (lo: Double, hi: Double)] = [:]
        for p in points {
            let b = Int(p.t / (Double(width) * 10))
            let old = buckets[b] ?? (p.v, p.v)
            buckets[b] = (min(old.lo, p.v), max(old.hi, p.v))
        }
        var kept: [Int: (lo: Double, hi: Double)] = [:]
        for p in thin {
            let b = Int(p.t / (Double(width) * 10))
            let old = kept[b] ?? (p.v, p.v)
            kept[b] = (min(old.lo, p.v), max(old.hi, p.v))
        }
        for (b, range) in buckets {
            #expect(kept[b]?.lo == range.lo && kept[b]?.hi == range.hi, "bucket \(b)")
        }
        #expect(thin.contains { $0.v == 1_000 } && thin.contains { $0.v == -1_000 })
    }

    @Test func downsamplingLeavesShortSeriesAlone() {
        let points = [ChartPoint(0, 1), ChartPoint(1, 5), ChartPoint(2, 3)]
        #expect(Downsampler.minMax(points, width: 100) == points)
    }

    @Test func aStepPathHoldsEachValueUntilTheNextAndRunsToTheEnd() {
        var r = ChartRenderer(end: 100)
        r.width = 200
        r.left = 0
        r.right = 0
        let y = LinearScale(domain: (0, 10), range: (100, 0))
        let d = r.path([ChartPoint(0, 0), ChartPoint(25, 10), ChartPoint(50, 5)], y: y)
        #expect(d == "M0 100H50V0H100V50H200")
    }

    @Test func marksAndVerdictsArePlacedAtTheirTime() {
        var session = ReportSession(header: TraceHeader(scenario: "s", file: "s.json", seed: 1, start: ""))
        session.end = 1_000
        session.rapi = [.init(250, "$GS^30"), .init(250.1, "$GE^26"), .init(750, "$SC 16^XX")]
        session.verdicts = [
            Verdict(
                label: "l", location: "s.json:1:1", time: SimInstant(nanoseconds: 500_000_000_000), passed: false,
                detail: "d")
        ]
        var r = ChartRenderer(end: 1_000)
        r.width = 1_100
        r.left = 50
        r.right = 50
        let svg = r.events(session)
        // 250 s of 1000 over 1000 px starting at 50: x = 300; both early lines share one tick.
        #expect(svg.contains("<line x1=\"300\""))
        #expect(svg.contains("<line x1=\"800\""))
        #expect(svg.components("x1=\"300\"") == 1)
        #expect(svg.contains("t+4m10s $GS^30\nt+4m10s $GE^26"))
        #expect(svg.contains("<g id=\"verdict-1\" class=\"verdict\"><line x1=\"550\""))
    }

    @Test(arguments: [(0.0, "0"), (45, "45s"), (600, "10m"), (5_400, "1h30m"), (194_400, "2d6h")])
    func timeLabels(seconds: Double, label: String) {
        #expect(TimeTicks.label(seconds) == label)
    }

    @Test func timeTicksAreRoundAndFew() {
        #expect(TimeTicks.ticks(end: 604_800) == (0...7).map { Double($0) * 86_400 })
        #expect(TimeTicks.ticks(end: 60) == (0...6).map { Double($0) * 10 })
    }

    @Test func textIsEscapedForXML() {
        #expect(XMLText.escape("a<b & \"c\"\u{1}") == "a&lt;b &amp; &quot;c&quot;?")
    }
}

extension String {
    func components(_ part: String) -> Int { self.split(separator: part, omittingEmptySubsequences: false).count - 1 }
}
