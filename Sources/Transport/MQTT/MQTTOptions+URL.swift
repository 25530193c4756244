extension MQTTOptions {
    /// Reads `mqtt://[user[:password]@]host[:port][/prefix][?query]`; `mqtts://` means TLS.
    ///
    /// IPv6 addresses go in brackets (`mqtt://[::1]:1883`). User, password and prefix may be
    /// percent-encoded. Query items: `clientid`, `keepalive` (seconds) and `cafile` (PEM path
    /// for TLS). The port defaults to 1883, or 8883 for `mqtts`.
    /// - Parameters:
    ///   - url: The broker URL.
    ///   - clientID: The client id unless the URL's `clientid` overrides it.
    /// - Throws: ``MQTTOptionsError`` naming what is wrong, with the password redacted.
    public init(url: String, clientID: String = "evsesim") throws(MQTTOptionsError) {
        let shown = Self.redact(url)
        func fail(_ reason: String) -> MQTTOptionsError { MQTTOptionsError(url: shown, reason: reason) }

        guard let schemeEnd = url.firstRange(of: "://") else {
            throw fail("expected a URL such as mqtt://host:1883 or mqtts://user:password@host/prefix")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let tls: Bool
        switch scheme {
        case "mqtt": tls = false
        case "mqtts": tls = true
        default: throw fail("unsupported scheme '\(scheme)' (expected mqtt or mqtts)")
        }
        var rest = url[schemeEnd.upperBound...]
        guard !rest.contains("#") else { throw fail("'#' is not allowed (a topic prefix cannot hold wildcards)") }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let path = slash < rest.endIndex ? rest[rest.index(after: slash)...] : ""

        var username: String?
        var password: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            let colon = userInfo.firstIndex(of: ":")
            guard let user = Self.percentDecoded(userInfo[..<(colon ?? userInfo.endIndex)]), !user.isEmpty else {
                throw fail("the user name is empty or badly percent-encoded")
            }
            username = user
            if let colon {
                guard let pass = Self.percentDecoded(userInfo[userInfo.index(after: colon)...]) else {
                    throw fail("the password is badly percent-encoded")
                }
                password = pass
            }
        }

        let (host, portText) = try Self.splitHostPort(hostPort, fail: fail)
        guard !host.isEmpty else { throw fail("the host is missing") }
        var port: Int?
        if let portText {
            guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(portText),
                (1...65_535).contains(value)
            else { throw fail("the port '\(portText)' is not a number in 1–65535") }
            port = value
        }

        var trimmedPath = path
        while trimmedPath.hasPrefix("/") { trimmedPath = trimmedPath.dropFirst() }
        while trimmedPath.hasSuffix("/") { trimmedPath = trimmedPath.dropLast() }
        guard let prefix = Self.percentDecoded(trimmedPath) else {
            throw fail("the topic prefix is badly percent-encoded")
        }

        self.init(
            host: host, port: port, clientID: clientID, username: username, password: password, useTLS: tls,
            topicPrefix: prefix)
        try applyQuery(query, fail: fail)
        do {
            try validate()
        } catch {
            throw fail(error.reason)
        }
    }

    private mutating func applyQuery(_ query: Substring, fail: (String) -> MQTTOptionsError) throws(MQTTOptionsError) {
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].lowercased()
            guard parts.count == 2, let value = Self.percentDecoded(parts[1]), !value.isEmpty else {
                throw fail("query item '\(key)' needs a value")
            }
            switch key {
            case "clientid", "client_id", "client-id": clientID = value
            case "cafile", "ca": caFile = value
            case "keepalive":
                guard let seconds = Int(value) else {
                    throw fail("keepalive '\(value)' is not a whole number of seconds")
                }
                keepaliveSeconds = seconds
            default:
                throw fail("unknown query item '\(key)' (known: clientid, keepalive, cafile)")
            }
        }
    }

    private static func splitHostPort(
        _ text: Substring, fail: (String) -> MQTTOptionsError
    ) throws(MQTTOptionsError) -> (host: String, port: Substring?) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw fail("an IPv6 address is missing its ']'") }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else { throw fail("unexpected '\(after)' after the IPv6 address") }
            return (host, after.dropFirst())
        }
        let colons = text.filter { $0 == ":" }.count
        guard colons <= 1 else { throw fail("an IPv6 address must be written in brackets, e.g. mqtt://[::1]:1883") }
        guard let colon = text.firstIndex(of: ":") else { return (String(text), nil) }
        return (String(text[..<colon]), text[text.index(after: colon)...])
    }

    /// Decodes `%XX` escapes; nil when an escape is malformed or the result is not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `url` with the password (between the user's `:` and the `@`) replaced by `***`.
    static func redact(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return url
        }
        return String(url[..<authority.index(after: colon)]) + "***" + String(url[at...])
    }
}
