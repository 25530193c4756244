import Testing
@testable import EVSEModel
