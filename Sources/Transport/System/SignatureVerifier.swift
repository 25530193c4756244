import COpenSSL

/// Checks a firmware signature with OpenSSL: a base64 RSA or ECDSA signature (SHA-256) over
/// the image, against the public key of a PEM X.509 signing certificate (the form OCPP 1.6's
/// SignedUpdateFirmware carries).
///
/// OpenSSL is used rather than hand-written crypto: it is the library EVerest itself links,
/// ships in every distribution (`libssl-dev`) and reads PEM certificates and both key types.
public enum SignatureVerifier {
    /// Why a signature could not be checked at all.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Whether `signatureBase64` is a valid signature over `data` by the certificate's key.
    public static func verify(
        _ data: [UInt8], signatureBase64: String, certificatePEM: String
    ) -> Result<Bool, Failure> {
        guard let signature = decodeBase64(signatureBase64) else {
            return .failure(Failure(reason: "the signature is not base64"))
        }
        let pem = Array(certificatePEM.utf8)
        let certificate: OpaquePointer? = pem.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_X509(bio, nil, nil, nil)
        }
        guard let certificate else {
            return .failure(Failure(reason: "the signing certificate is not a PEM X.509 certificate"))
        }
        defer { X509_free(certificate) }
        guard let key = X509_get_pubkey(certificate) else {
            return .failure(Failure(reason: "the signing certificate has no usable public key"))
        }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { return .failure(Failure(reason: "OpenSSL could not allocate")) }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else {
            return .failure(Failure(reason: "OpenSSL cannot verify with this key"))
        }
        let result = EVP_DigestVerify(context, signature, signature.count, data, data.count)
        ERR_clear_error()
        return .success(result == 1)
    }

    /// Decodes base64 (whitespace ignored) with OpenSSL's decoder.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8.filter { $0 != 10 && $0 != 13 && $0 != 32 && $0 != 9 })
        guard !input.isEmpty, input.count % 4 == 0 else { return nil }
        var output = [UInt8](repeating: 0, count: input.count / 4 * 3)
        let n = EVP_DecodeBlock(&output, input, Int32(input.count))
        guard n >= 0 else { return nil }
        let padding = input.reversed().prefix(2).prefix { $0 == 61 }.count
        return Array(output.prefix(Int(n) - padding))
    }
}
