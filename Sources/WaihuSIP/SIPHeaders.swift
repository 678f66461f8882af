import Foundation

/// A SIP message's header fields (RFC 3261 §7.3) in the order received: names compared without case and with the
/// compact forms (§7.3.3) read as their full names; a field listing several values (Via, Route, Contact, …) is kept
/// as one value per entry, so that the topmost Via is `values("Via").first`.
public struct SIPHeaders: Sendable, Equatable {
    public private(set) var fields: [(name: String, value: String)] = []

    public init(_ fields: [(String, String)] = []) {
        for (name, value) in fields { add(name, value) }
    }

    /// The compact forms of RFC 3261 §7.3.3 and their full names.
    static let compact: [String: String] = ["i": "Call-ID", "m": "Contact", "e": "Content-Encoding", "l": "Content-Length",
                                            "c": "Content-Type", "f": "From", "s": "Subject", "k": "Supported", "t": "To", "v": "Via"]

    /// The full name of a header, spelled as RFC 3261 spells it when it is one of its own.
    static func canonical(_ name: String) -> String {
        let lower = name.lowercased()
        if let full = compact[lower] { return full }
        return known[lower] ?? name
    }

    static let known: [String: String] = Dictionary(uniqueKeysWithValues: [
        "Accept", "Allow", "Authorization", "Call-ID", "Contact", "Content-Encoding", "Content-Length", "Content-Type", "CSeq", "Expires",
        "From", "Max-Forwards", "Proxy-Authenticate", "Proxy-Authorization", "Reason", "Record-Route", "Require", "Route", "Server",
        "Subject", "Supported", "To", "User-Agent", "Via", "WWW-Authenticate",
    ].map { ($0.lowercased(), $0) })

    /// Headers whose value is a comma-separated list of entries (§7.3.1); the others may carry commas inside one value
    /// (a date, a digest challenge).
    static let lists: Set<String> = ["Via", "Route", "Record-Route", "Contact", "Allow", "Supported", "Require", "Accept", "Reason"]

    /// Adds a field; a list header's entries become one field each.
    public mutating func add(_ name: String, _ value: String) {
        let name = Self.canonical(name.trimmingCharacters(in: .whitespaces))
        let value = value.trimmingCharacters(in: .whitespaces)
        if Self.lists.contains(name), !(name == "Contact" && value == "*") {
            for entry in Self.splitList(value) where !entry.isEmpty { fields.append((name, entry)) }
        } else {
            fields.append((name, value))
        }
    }

    /// Replaces every field of a name with one value.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    public mutating func remove(_ name: String) {
        let name = Self.canonical(name)
        fields.removeAll { $0.name == name }
    }

    public subscript(_ name: String) -> String? { values(name).first }

    public func values(_ name: String) -> [String] {
        let name = Self.canonical(name)
        return fields.filter { $0.name == name }.map(\.value)
    }

    /// Splits on commas outside quotes and angle brackets.
    static func splitList(_ value: String) -> [String] {
        var entries: [String] = [], current = "", quoted = false, angled = false, escaped = false
        for character in value {
            if escaped {
                escaped = false
            } else if quoted, character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if !quoted, character == "<" {
                angled = true
            } else if !quoted, character == ">" {
                angled = false
            } else if !quoted, !angled, character == "," {
                entries.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(character)
        }
        entries.append(current.trimmingCharacters(in: .whitespaces))
        return entries
    }

    public static func == (lhs: SIPHeaders, rhs: SIPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}
