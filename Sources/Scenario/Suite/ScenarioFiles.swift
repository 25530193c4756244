/// Finding scenario files on disk.
public enum ScenarioFiles {
    /// `*.json` file names in `directory`, sorted.
    public static func list(in directory: String) -> [String] { FileAccess.jsonFiles(in: directory) }
}
