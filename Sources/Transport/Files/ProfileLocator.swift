#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the `Profiles/` folder: an explicit path, `$EVSESIM_PROFILES`, `./Profiles`, or the
/// `Profiles/` beside the package the executable was built from.
public enum ProfileLocator {
    public static func locate(explicit: String?) -> String? {
        if let explicit { return explicit }
        if let env = getenv("EVSESIM_PROFILES") { return String(cString: env) }
        if isDirectory("Profiles/stations") { return "Profiles" }
        // .build/<triple>/debug/evsesim → walk up to the package root.
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { return nil }
        var dir = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for _ in 0..<6 {
            guard let slash = dir.lastIndex(of: "/") else { break }
            dir = String(dir[..<slash])
            if isDirectory(dir + "/Profiles/stations") { return dir + "/Profiles" }
        }
        return nil
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}
