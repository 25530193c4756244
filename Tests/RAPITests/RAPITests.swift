import Testing
@testable import RAPI
