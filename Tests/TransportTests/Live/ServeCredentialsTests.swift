import Foundation
import Glibc
import Testing

@testable import Transport

extension LiveServeTests.ServeExecutableTests {
    @Test(
        "refused credentials end serve at once with a non-zero exit and what to fix; the password never needs the command line",
        arguments: ["file", "environment", "wrong"])
    func credentials(source: String) throws {
        let broker = try TestBroker(users: ["alice": "s3cret"])
        try broker.start()
        let passwordFile = LiveSetup.temporaryPath("password")
        defer { unlink(passwordFile) }
        try (source == "wrong" ? "guess\n" : "s3cret\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
        var arguments = [
            "--mqtt", "mqtt://alice@127.0.0.1:\(broker.port)", "--no-pty", "--evse-id", "auth_\(getpid())",
        ]
        if source != "environment" { arguments += ["--mqtt-password-file", passwordFile] }
        let serve = try ServeProcess(arguments, environment: [MQTTOptions.passwordVariable: "s3cret"])
        if source == "wrong" {
            let status = serve.exitStatus(within: .seconds(10))
            #expect(status != nil && status != 0, "stdout: \(serve.stdout) stderr: \(serve.stderr)")
            #expect(serve.stderr.contains("refused"), "stderr: \(serve.stderr)")
            #expect(serve.stderr.contains("not authorised"))
            #expect(serve.stderr.contains("--mqtt-password-file"), "names where the password comes from")
            #expect(serve.stderr.components(separatedBy: "refused the connection; giving up").count == 2, "one attempt")
        } else {
            try #require(serve.waitUntilServing(), "serve did not start: \(serve.stderr)")
            #expect(
                waitUntil(timeout: .seconds(5)) {
                    usleep(20_000)
                    return serve.stderr.contains("mqtt connected")
                }, "stderr: \(serve.stderr)")
            serve.signal(SIGTERM)
            #expect(serve.exitStatus(within: .seconds(5)) == 0, "stderr: \(serve.stderr)")
        }
    }

    @Test("--mqtt-password-file that cannot be read is a usage error naming the file")
    func unreadablePasswordFile() throws {
        let serve = try ServeProcess([
            "--mqtt", "mqtt://alice@127.0.0.1:1883", "--no-pty", "--mqtt-password-file", "/nonexistent/evsesim-pw",
        ])
        #expect(serve.exitStatus(within: .seconds(10)) == 64)
        #expect(serve.stderr.contains("'/nonexistent/evsesim-pw'"), "stderr: \(serve.stderr)")
    }
}
