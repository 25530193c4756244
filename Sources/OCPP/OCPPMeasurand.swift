/// The measurands the face can sample (OCPP 1.6 §7.31, the ones a single-connector AC station
/// with the simulator's meter has).
public enum OCPPMeasurand: String, Hashable, Sendable, CaseIterable {
    case energyActiveImportRegister = "Energy.Active.Import.Register"
    case powerActiveImport = "Power.Active.Import"
    case currentImport = "Current.Import"
    case voltage = "Voltage"
    case currentOffered = "Current.Offered"
    case soc = "SoC"
    case temperature = "Temperature"
    case frequency = "Frequency"
}
