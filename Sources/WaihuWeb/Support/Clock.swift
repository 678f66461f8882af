import Foundation
import Vapor
import WaihuCore

struct ClockKey: StorageKey {
    typealias Value = @Sendable () -> Date
}

extension Application {
    /// The app's clock (`WaihuSettings.clock`): the one place Waihu asks the system for the time.
    package var clock: @Sendable () -> Date { storage[ClockKey.self] ?? { Date() } }

    /// The current instant by the app's clock.
    package var now: Date { clock() }
}

extension Request {
    /// The current instant by the app's clock (`WaihuSettings.clock`).
    package var now: Date { application.now }
}

struct PhoneLinesKey: StorageKey {
    typealias Value = PhoneLines
}

extension Application {
    /// The agents' phone lines (`WaihuSettings.phoneLines`), when calls go out on the SIP trunk.
    package var phoneLines: PhoneLines? { storage[PhoneLinesKey.self] }
}
