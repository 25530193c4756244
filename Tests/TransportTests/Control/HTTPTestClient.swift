import Foundation
import Glibc

/// An HTTP/1.1 reply as the tests read it.
struct HTTPReply {
    var status: Int
    /// Header names in lower case.
    var headers: [String: String]
    var body: String
}

/// A minimal HTTP/1.1 client on a real loopback socket (no Foundation networking), so the
/// control API is exercised exactly as curl or a browser would reach it.
enum HTTPTestClient {
    /// One request with `Connection: close`; reads the whole reply (10 s at most per read).
    static func request(
        port: Int, _ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]
    ) throws -> HTTPReply {
        let fd = try connect(port: port)
        defer { close(fd) }
        try send(fd, requestText(method, path, body: body, headers: headers))
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return try parse(bytes)
    }

    /// Opens a stream (`GET path`), calls `start` once the reply's head has arrived, then reads
    /// until `done` holds for the text received so far or `timeout` passes; returns the text.
    static func stream(
        port: Int, _ path: String, headers: [String: String] = [:], timeout: Duration, start: () throws -> Void,
        until done: (String) -> Bool
    ) throws -> String {
        let fd = try connect(port: port)
        defer { close(fd) }
        try send(fd, requestText("GET", path, body: nil, headers: headers))
        var text = ""
        var started = false
        var chunk = [UInt8](repeating: 0, count: 65536)
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 200) >= 0 else { break }
            if pfd.revents != 0 {
                let n = read(fd, &chunk, chunk.count)
                if n <= 0 { break }
                text += String(decoding: chunk[..<n], as: UTF8.self)
            }
            if !started, text.contains("\r\n\r\n") {
                started = true
                try start()
            }
            if started, done(text) { break }
        }
        return text
    }

    private static func requestText(_ method: String, _ path: String, body: String?, headers: [String: String])
        -> String
    {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        return text + "\r\n" + (body ?? "")
    }

    private static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("socket: errno \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw TestSetupError("connect to 127.0.0.1:\(port): errno \(errno)")
        }
        return fd
    }

    private static func send(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw TestSetupError("write: errno \(errno)") }
            sent += n
        }
    }

    /// Status line, headers and body (chunked transfer encoding undone).
    static func parse(_ bytes: [UInt8]) throws -> HTTPReply {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw TestSetupError("no HTTP head in: \(text)") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw TestSetupError("bad status line: \(head[0])")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = String(text[split.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = dechunked(body) }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    /// The payload of a chunked body.
    static func dechunked(_ body: String) -> String {
        var rest = Substring(body)
        var out = ""
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let utf8 = rest.utf8
            guard let end = utf8.index(start, offsetBy: size, limitedBy: utf8.endIndex) else { break }
            out += String(rest[start..<end])
            rest = rest[end...].dropFirst(2)
        }
        return out
    }
}
