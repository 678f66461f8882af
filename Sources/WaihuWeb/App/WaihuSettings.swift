import Foundation
import WaihuApp
import WaihuCore
import WaihuStore

/// Everything `configure` needs to build the application, for the server, the CLI and the tests.
public struct WaihuSettings: Sendable {
    public var database: DatabaseLocation
    /// The first admin's password; a random one is generated and printed when nil.
    public var adminPassword: String?
    /// Fill an empty database with the demo organisation.
    public var demo: Bool
    /// Run migrations while configuring.
    public var migrate: Bool
    /// Run the long-running services (the hourly lead recycling, the dialer) while the app is up:
    /// `waihu serve` does. With `demo`, the demo also gets its calling floor (`DemoCalling`).
    public var backgroundServices: Bool
    /// Where the first-start messages (admin password, demo logins) go.
    public var announce: @Sendable (String) -> Void
    /// The current instant, for the work that depends on the hour (taking and dialling leads):
    /// the system clock, or a fixed one in tests and simulations (DESIGN rule 2).
    public var clock: @Sendable () -> Date
    /// Mark the session cookie `Secure` (sent over HTTPS only): on when Waihu is served behind TLS
    /// (`waihu serve --secure-cookies` or `WAIHU_SECURE_COOKIES=1`).
    public var secureCookies: Bool
    /// How long a lead taken on the desk may wait for its Dial before it goes back (15 minutes; a center
    /// whose agents read long scripts first may want more: `waihu serve --reservation-minutes`).
    public var reservationMinutes: Int
    /// How long a ready agent's desk may stay silent before the dialer stops giving them calls and makes them
    /// busy, away (10 s: `waihu serve --desk-timeout-seconds`).
    public var deskTimeoutSeconds: Int
    /// The network the dialer's calls go out on: the SIP trunk's floors (`waihu serve --telephony sip`), or, when nil,
    /// the simulated network.
    public var floorNetwork: FloorNetworkMaker?
    /// The agents' phone lines on that network, for the desk (nil on the simulated network, which has no phones).
    public var phoneLines: PhoneLines?
    /// How long the desk's stream waits for the agent's bell before it looks again (nil: 5 s). The dialer rings every
    /// change it makes, on PostgreSQL from any node (`DeskBellRelay`).
    public var deskStreamLook: Duration?

    public init(database: DatabaseLocation, adminPassword: String? = nil, demo: Bool = false,
                migrate: Bool = true, backgroundServices: Bool = false, announce: @escaping @Sendable (String) -> Void = { print($0) },
                clock: @escaping @Sendable () -> Date = { Date() }, secureCookies: Bool = false, reservationMinutes: Int = 15,
                deskTimeoutSeconds: Int = Int(DeskPresence.defaultTimeout), floorNetwork: FloorNetworkMaker? = nil,
                phoneLines: PhoneLines? = nil) {
        self.database = database
        self.adminPassword = adminPassword
        self.demo = demo
        self.migrate = migrate
        self.backgroundServices = backgroundServices
        self.announce = announce
        self.clock = clock
        self.secureCookies = secureCookies
        self.reservationMinutes = reservationMinutes
        self.deskTimeoutSeconds = deskTimeoutSeconds
        self.floorNetwork = floorNetwork
        self.phoneLines = phoneLines
    }
}
