import CCurl

/// Fetches and sends bytes by URL with libcurl: `http://` (and `https://`) and `file://`.
///
/// libcurl is used rather than hand-written HTTP: it is the most widely deployed client, ships in
/// every distribution (`libcurl4-openssl-dev`), and handles redirects, chunked replies, timeouts
/// and `file://` uploads the same way for every scheme.
public enum URLTransfer {
    /// A transfer that did not succeed.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The URL.
        public var url: String
        /// libcurl's message, or the HTTP status.
        public var reason: String
        /// The HTTP status, when the server answered.
        public var status: Int?
        public var description: String { "\(url): \(reason)" }
    }

    /// The URL schemes transferred for real.
    public static func handles(_ url: String) -> Bool {
        url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("file://")
    }

    /// Fetches `url`; a status of 400 or more is a failure.
    public static func fetch(_ url: String, timeoutSeconds: Int = 10, maxBytes: Int = 64 << 20) -> Result<
        [UInt8], Failure
    > {
        let box = Buffer(limit: maxBytes)
        let result = perform(url, timeoutSeconds: timeoutSeconds) { handle in
            evsesim_curl_set_write(handle) { pointer, size, count, context in
                let buffer = Unmanaged<Buffer>.fromOpaque(context!).takeUnretainedValue()
                let n = size * count
                guard buffer.bytes.count + n <= buffer.limit else { return 0 }
                pointer.map { buffer.bytes.append(contentsOf: UnsafeRawBufferPointer(start: $0, count: n)) }
                return n
            }
            evsesim_curl_set_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(box).toOpaque())
        }
        return withExtendedLifetime(box) { result.map { _ in box.bytes } }
    }

    /// Sends `bytes` to `url` by HTTP `method` (`PUT` or `POST`; a `file://` URL is written).
    public static func send(
        _ bytes: [UInt8], to url: String, method: String = "PUT", timeoutSeconds: Int = 10
    ) -> Result<Int, Failure> {
        let box = Buffer(limit: 0)
        box.bytes = bytes
        return withExtendedLifetime(box) {
            perform(url, timeoutSeconds: timeoutSeconds) { handle in
                evsesim_curl_set_long(handle, CURLOPT_UPLOAD, 1)
                if method != "PUT", !url.hasPrefix("file://") {
                    evsesim_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, method)
                }
                evsesim_curl_set_size(handle, curl_off_t(bytes.count))
                evsesim_curl_set_read(handle) { pointer, size, count, context in
                    let buffer = Unmanaged<Buffer>.fromOpaque(context!).takeUnretainedValue()
                    let n = min(size * count, buffer.bytes.count - buffer.sent)
                    guard n > 0, let pointer else { return 0 }
                    buffer.bytes.withUnsafeBytes { source in
                        UnsafeMutableRawPointer(pointer).copyMemory(
                            from: source.baseAddress! + buffer.sent, byteCount: n)
                    }
                    buffer.sent += n
                    return n
                }
                evsesim_curl_set_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(box).toOpaque())
                // Discard the response body.
                evsesim_curl_set_write(handle) { _, size, count, _ in size * count }
            }
        }
    }

    private final class Buffer {
        var bytes: [UInt8] = []
        var sent = 0
        let limit: Int
        init(limit: Int) { self.limit = limit }
    }

    private static func perform(
        _ url: String, timeoutSeconds: Int, configure: (UnsafeMutableRawPointer) -> Void
    ) -> Result<Int, Failure> {
        guard let handle = curl_easy_init() else { return .failure(Failure(url: url, reason: "libcurl did not start")) }
        defer { curl_easy_cleanup(handle) }
        evsesim_curl_set_string(handle, CURLOPT_URL, url)
        evsesim_curl_set_long(handle, CURLOPT_TIMEOUT, timeoutSeconds)
        evsesim_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, max(1, timeoutSeconds / 2))
        evsesim_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        evsesim_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        configure(handle)
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            return .failure(Failure(url: url, reason: String(cString: curl_easy_strerror(code))))
        }
        var status = 0
        evsesim_curl_response_code(handle, &status)
        if url.hasPrefix("http"), status >= 400 {
            return .failure(Failure(url: url, reason: "HTTP status \(status)", status: status))
        }
        return .success(status)
    }
}
