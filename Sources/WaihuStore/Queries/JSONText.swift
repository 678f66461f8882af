import Foundation

/// A small JSON writer for string maps: faster than a general encoder on the import's hot path.
public enum JSONText {
    public static func object(_ pairs: [(name: String, value: String)]) -> String {
        var out = "{"
        for (index, pair) in pairs.enumerated() {
            if index > 0 { out += "," }
            append(pair.name, to: &out)
            out += ":"
            append(pair.value, to: &out)
        }
        return out + "}"
    }

    static func append(_ text: String, to out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    public static func array(_ values: [String]) -> String {
        var out = "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            append(value, to: &out)
        }
        return out + "]"
    }

    /// Reads back an array written by `array(_:)`.
    public static func strings(_ json: String) -> [String] {
        guard let data = json.data(using: .utf8), let values = try? JSONSerialization.jsonObject(with: data) as? [String] else { return [] }
        return values
    }
}
