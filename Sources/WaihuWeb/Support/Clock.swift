import Foundation
import Vapor

struct ClockKey: StorageKey {
    typealias Value = @Sendable () -> Date
}

extension Request {
    /// The current instant by the app's clock (`WaihuSettings.clock`).
    var now: Date { (application.storage[ClockKey.self] ?? { Date() })() }
}
