import SimCore

/// Renders scenario results as JUnit XML, which CI systems show as test cases.
public enum JUnitReport {
    /// One `<testsuite>` per scenario, one `<testcase>` per verdict. A run that was interrupted
    /// gets one more test case with an `<error>` saying so: what was not decided is not a pass.
    public static func xml(_ results: [ScenarioResult], wallSeconds: [Double]) -> String {
        let errors = results.count(where: { $0.interruption != nil })
        let tests = results.reduce(0) { $0 + $1.verdicts.count } + errors
        let failures = results.reduce(0) { $0 + $1.failures.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"evsesim\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for (i, r) in results.enumerated() {
            let time = i < wallSeconds.count ? wallSeconds[i] : 0
            let interrupted = r.interruption == nil ? 0 : 1
            out += "  <testsuite name=\"\(escape(r.name))\" file=\"\(escape(r.file))\""
            out += " tests=\"\(r.verdicts.count + interrupted)\" failures=\"\(r.failures.count)\""
            out += " errors=\"\(interrupted)\" time=\"\(formatSeconds(time))\">\n"
            out += "    <properties><property name=\"seed\" value=\"\(r.seed)\"/></properties>\n"
            for v in r.verdicts {
                out +=
                    "    <testcase classname=\"\(escape(r.name))\" name=\"\(escape(v.label))\" file=\"\(escape(v.location))\">"
                if v.passed {
                    out += "</testcase>\n"
                } else {
                    out +=
                        "\n      <failure message=\"\(escape(v.detail))\">\(escape(v.location)) at \(v.time): \(escape(v.detail))</failure>\n"
                    out += "    </testcase>\n"
                }
            }
            if let reason = r.interruption {
                out +=
                    "    <testcase classname=\"\(escape(r.name))\" name=\"run to the end\" file=\"\(escape(r.file))\">"
                out +=
                    "\n      <error message=\"\(escape(reason))\">\(escape(reason)) at \(r.endTime): the steps after it"
                out += " were not run</error>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// `s` as XML text or attribute value (also used by the HTML reports).
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters even when escaped.
                if c.value < 0x20, c != "\n", c != "\t", c != "\r" { out += "?" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    static func formatSeconds(_ s: Double) -> String { threeDecimals(s) }
}
