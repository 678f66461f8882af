import Foundation

/// Writes one CSV record (RFC 4180): fields with a comma, quote or line break are quoted.
///
/// A cell a spreadsheet program would read as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
/// return first) is written with a leading apostrophe, so an exported customer name such as
/// `=HYPERLINK(…)` stays text (CSV injection); plain numbers such as `-3.5` or `+8613800138000` are
/// left as they are.
public enum CSVLine {
    public static func make(_ fields: [String]) -> String {
        fields.map { field in
            let field = neutralised(field)
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }

    /// The cell as text a spreadsheet shows but does not evaluate.
    public static func neutralised(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, formulaStarts.contains(first) else { return field }
        if isPlainNumber(field) { return field }
        return "'" + field
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `-12`, `+3.5`, `-0.25`: a sign, digits, at most one decimal point, nothing else.
    private static func isPlainNumber(_ field: String) -> Bool {
        var scalars = field.unicodeScalars.dropFirst()
        guard field.unicodeScalars.first == "-" || field.unicodeScalars.first == "+", !scalars.isEmpty else { return false }
        var point = false
        var digits = 0
        while let scalar = scalars.popFirst() {
            if scalar == "." {
                if point { return false }
                point = true
            } else if ("0"..."9").contains(scalar) {
                digits += 1
            } else {
                return false
            }
        }
        return digits > 0
    }
}
