import Crypto
import Foundation

/// Hashing passwords (bcrypt in `waihu serve`); given to the use cases that set or check one, so that
/// they need no web framework.
package protocol PasswordHashing: Sendable {
    func hash(_ password: String) throws -> String
    func verify(_ password: String, against hash: String) throws -> Bool
    /// A hash no password matches, verified for unknown usernames so that they take as long as known ones.
    var unusableHash: String { get }
}

/// API tokens and session keys: random, shown once, stored as a SHA-256 digest.
package enum Tokens {
    package static let lifetime: TimeInterval = 30 * 24 * 3600

    package static func make() -> String {
        randomText(bytes: 32)
    }

    package static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexText
    }

    /// `bytes` random bytes from the system's generator, in URL-safe base64 without padding.
    package static func randomText(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(raw).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, two digits a byte.
    package var hexText: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
