import Fluent
import Vapor
import WaihuApp
import WaihuStore

extension Application {
    /// How the wallboard's looks recount its kept figures: behind the look, on SQLite's pool for recounts where there is
    /// one (a file database), so that no look waits for a connection held by a recount's long read.
    package var wallboardRecount: Recount {
        .behind(on: databases.ids().contains(.recounts) ? db(.recounts) : nil)
    }
}
