/// Why a connection to the CSMS could not be used.
struct OCPPConnectionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
