import Testing
@testable import EverestAPI
