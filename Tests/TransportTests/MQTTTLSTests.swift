import Foundation
import Glibc
import Testing

@testable import Transport

/// A private mosquitto with a TLS listener and certificates made by `openssl` for the test.
@Suite(
    "MQTT over TLS: failures say why", .serialized,
    .enabled(if: findExecutable("openssl") != nil && findExecutable("mosquitto") != nil, "needs openssl and mosquitto"))
struct MQTTTLSTests {
    /// A CA, a server certificate for `localhost` signed by it, and a second CA that signed nothing.
    final class Certificates {
        let directory: String
        init() throws {
            directory = LiveSetup.temporaryPath("tls")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try "subjectAltName=DNS:localhost\n".write(
                toFile: directory + "/san.ext", atomically: true, encoding: .utf8)
            let steps = [
                "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=evsesim-test-ca",
                "req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 2 -subj /CN=evsesim-other-ca",
                "req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost",
                "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext",
            ]
            for step in steps {
                let process = try TestProcess("/bin/sh", ["-c", "cd \(directory) && openssl \(step)"])
                guard process.waitForExit(timeout: .seconds(30)) else { throw TestSetupError("openssl hung: \(step)") }
            }
            // mosquitto started as root reads its files as user mosquitto.
            chmod(directory, 0o755)
            for file in ["ca.pem", "server.pem", "server.key"] { chmod(directory + "/" + file, 0o644) }
        }
        deinit { try? FileManager.default.removeItem(atPath: directory) }
    }

    func failure(host: String, caFile: String, broker: TestBroker) throws -> MQTTError? {
        let client = try MosquittoClient(
            options: MQTTOptions(
                host: host, port: broker.port, clientID: "evsesim-tls-\(getpid())", useTLS: true, caFile: caFile),
            backoff: ReconnectBackoff(initial: .seconds(5), maximum: .seconds(5)), logger: quietLogger)
        client.start()
        client.pump(timeout: .seconds(5)) { client.state == .connected || client.lastError != nil }
        defer { client.disconnect() }
        return client.state == .connected ? nil : client.lastError
    }

    @Test("unknown CA, host name mismatch, and the right CA and name")
    func verification() throws {
        let certificates = try Certificates()
        let dir = certificates.directory
        let broker = try TestBroker(
            extraConfiguration: "cafile \(dir)/ca.pem\ncertfile \(dir)/server.pem\nkeyfile \(dir)/server.key\n")
        try broker.start()
        defer { broker.stop() }

        let unknownCA = try #require(try failure(host: "localhost", caFile: dir + "/other.pem", broker: broker))
        print("unknown CA: \(unknownCA)")
        #expect(unknownCA.description.contains("certificate verify failed"))
        #expect(
            unknownCA.description.contains("(self-signed certificate in certificate chain)"), "OpenSSL's verify result")
        #expect(unknownCA.description.contains(dir + "/other.pem"))

        let mismatch = try #require(try failure(host: "127.0.0.1", caFile: dir + "/ca.pem", broker: broker))
        print("host name mismatch: \(mismatch)")
        #expect(mismatch.description.contains("host name mismatch"))
        #expect(mismatch.description.contains("127.0.0.1"))

        #expect(try failure(host: "localhost", caFile: dir + "/ca.pem", broker: broker) == nil)
    }
}
