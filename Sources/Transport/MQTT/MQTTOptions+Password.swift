import Glibc

extension MQTTOptions {
    /// The environment variable read for the broker password when no other source gives one.
    public static let passwordVariable = "EVSESIM_MQTT_PASSWORD"

    /// Takes the password from `file` (its first line; `--mqtt-password-file`) or else from
    /// ``passwordVariable`` in `environment`, so that it does not show in `ps` as part of the
    /// URL. A password already in the URL wins over the environment; a file and a URL password
    /// together are refused.
    /// - Throws: ``MQTTOptionsError`` when the file cannot be read or is empty, when the URL
    ///   also has a password, or when there is no user name to go with it.
    public mutating func readPassword(file: String?, environment: [String: String]) throws(MQTTOptionsError) {
        if let file {
            guard password == nil else {
                throw MQTTOptionsError(
                    url: redactedURL, reason: "give the password once: in the URL or in --mqtt-password-file")
            }
            password = try Self.firstLine(of: file, url: redactedURL)
        } else if password == nil, let value = environment[Self.passwordVariable], !value.isEmpty {
            password = value
        } else {
            return
        }
        guard username != nil else {
            throw MQTTOptionsError(
                url: redactedURL,
                reason: "a password needs a user name: put it in the URL, e.g. mqtt://user@\(host):\(port)")
        }
    }

    private static func firstLine(of path: String, url: String) throws(MQTTOptionsError) -> String {
        guard let stream = fopen(path, "r") else {
            throw MQTTOptionsError(url: url, reason: "cannot read --mqtt-password-file '\(path)': \(errnoText(errno))")
        }
        defer { fclose(stream) }
        var bytes: [UInt8] = []
        while bytes.count < 4096 {
            let c = getc(stream)
            if c == EOF || c == 10 || c == 13 { break }
            bytes.append(UInt8(truncatingIfNeeded: c))
        }
        guard !bytes.isEmpty else {
            throw MQTTOptionsError(
                url: url, reason: "--mqtt-password-file '\(path)' is empty; its first line is the password")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
