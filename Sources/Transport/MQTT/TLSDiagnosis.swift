import Glibc

/// Turns libmosquitto's TLS error lines into a reason a person can act on.
///
/// libmosquitto logs OpenSSL's error queue (`OpenSSL Error[0]: error:0A000086:SSL
/// routines::certificate verify failed`) and then reports only "connection lost". Whether the
/// CA is unknown or the certificate names another host is in the TLS session's verification
/// result, read here through OpenSSL's `SSL_get_verify_result` and
/// `X509_verify_cert_error_string`, looked up at run time in the libssl that libmosquitto
/// loaded (so the build needs no OpenSSL headers).
enum TLSDiagnosis {
    private typealias VerifyResult = @convention(c) (UnsafeMutableRawPointer?) -> Int
    private typealias VerifyText = @convention(c) (Int) -> UnsafePointer<CChar>?

    /// `line`'s OpenSSL reason, with the verification result when verification failed, e.g.
    /// "certificate verify failed (hostname mismatch)".
    static func describe(_ line: String, session: UnsafeMutableRawPointer?) -> String {
        // The reason is the text after the last ":" of OpenSSL's error string.
        let reason = line.split(separator: ":").last.map { String($0.drop { $0 == " " }) } ?? line
        guard let detail = verifyFailure(of: session) else { return reason }
        return "\(reason) (\(detail))"
    }

    /// OpenSSL's text for the session's failed certificate verification, or nil.
    private static func verifyFailure(of session: UnsafeMutableRawPointer?) -> String? {
        guard let session, let resultSymbol = dlsym(nil, "SSL_get_verify_result"),
            let textSymbol = dlsym(nil, "X509_verify_cert_error_string")
        else { return nil }
        let result = unsafeBitCast(resultSymbol, to: VerifyResult.self)(session)
        guard result != 0 else { return nil }  // X509_V_OK
        // libmosquitto's only check of its own is the host name (tls_mosq.c,
        // mosquitto__server_certificate_verify); it fails with X509_V_ERR_UNSPECIFIED (1) or
        // X509_V_ERR_APPLICATION_VERIFICATION (50), whose texts say nothing.
        if result == 1 || result == 50 { return "host name mismatch: the certificate does not name the host" }
        return unsafeBitCast(textSymbol, to: VerifyText.self)(result).map { String(cString: $0) }
    }
}
