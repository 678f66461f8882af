/// A comma-separated list as people type it (`agent, day`): the names trimmed, empty ones and repeats left out.
public enum CommaList {
    public static func names(_ text: String?) -> [String] {
        var names: [String] = []
        for part in (text ?? "").split(separator: ",") {
            let name = String(part).trimmingWhitespace()
            if !name.isEmpty && !names.contains(name) { names.append(name) }
        }
        return names
    }
}
