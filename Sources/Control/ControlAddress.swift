/// Where the control API listens and who may use it (`--control`, `--control-any`,
/// `--control-token`).
///
/// The API can plug EVs in, cut the power and fault the station, so it listens on the loopback
/// interface unless told otherwise; any other address needs `--control-any` and a token, which
/// every request must then carry (`Authorization: Bearer TOKEN`, or `?token=TOKEN` for the
/// dashboard and its event streams, which a browser opens without headers).
public struct ControlAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host to bind: an IPv4 or IPv6 address, or `localhost`.
    public var host: String
    /// The TCP port; 0 lets the system choose (the banner prints the port it chose).
    public var port: Int
    /// The token requests must carry, if any.
    public var token: String?

    /// A problem with the control options, naming the option to fix.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// What is wrong and how to fix it.
        public var description: String
    }

    /// Reads `HOST:PORT` (`127.0.0.1:8080`, `[::1]:8080`, `localhost:8080`, or `:8080` for the
    /// loopback address).
    /// - Parameters:
    ///   - text: The `--control` value.
    ///   - anyAddress: Whether `--control-any` allows an address other than loopback.
    ///   - token: The `--control-token` value.
    /// - Throws: ``Problem`` for a malformed value, a non-loopback address without
    ///   `--control-any`, or `--control-any` without a token.
    public init(parsing text: String, anyAddress: Bool, token: String?) throws(Problem) {
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw Problem(description: "--control: expected [IPv6]:PORT, found '\(text)'")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw Problem(description: "--control: expected HOST:PORT such as 127.0.0.1:8080, found '\(text)'")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if host.isEmpty { host = "127.0.0.1" }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw Problem(description: "--control: expected a port 0…65535 after the colon, found '\(portText)'")
        }
        if let token, token.isEmpty || token.contains(where: { $0 == " " || $0 == "\n" || $0 == "\r" }) {
            throw Problem(description: "--control-token: expected a non-empty token without spaces")
        }
        let loopback = Self.isLoopback(String(host))
        if !loopback, !anyAddress {
            throw Problem(
                description:
                    "--control: \(host) is not a loopback address; the API can plug, fault and power-cut stations, "
                    + "so other addresses need --control-any and --control-token")
        }
        if anyAddress, token == nil {
            throw Problem(description: "--control-any needs --control-token TOKEN: every request must then carry it")
        }
        self.host = String(host)
        self.port = port
        self.token = token
    }

    /// Whether `host` is `localhost`, in 127.0.0.0/8 or `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }

    /// `host:port` (IPv6 in brackets).
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Whether `a` and `b` are the same token, compared in time independent of where they differ.
    static func sameToken(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}
