import ArgumentParser
import Foundation
import NIOPosix
import Vapor
import WaihuCore
import WaihuSIP
import WaihuWeb

/// `waihu serve`: migrations, first-start setup, then the web server until interrupted.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the Waihu server (runs migrations first).")

    @OptionGroup var db: DatabaseOptions
    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080
    @ArgumentParser.Flag(help: "On an empty database, create the demo organisation and print its logins.") var demo = false
    @ArgumentParser.Flag(help: "Mark the session cookie Secure: set when Waihu is served over HTTPS (or WAIHU_SECURE_COOKIES=1).")
    var secureCookies = false
    @ArgumentParser.Option(help: "Minutes a lead taken on the desk waits for its Dial before it goes back.")
    var reservationMinutes = 15
    @ArgumentParser.Option(help: "Seconds a ready agent's desk may stay silent before the dialer stops giving them calls (busy, away).")
    var deskTimeoutSeconds = 10
    @ArgumentParser.Option(help: "simulated (the default, and the demo's) or sip: calls go out on the SIP trunk of --sip-config.")
    var telephony = "simulated"
    @ArgumentParser.Option(name: .long, help: "The SIP configuration file (JSON, docs/telephony.md), with --telephony sip.")
    var sipConfig: String?

    func validate() throws {
        guard ["simulated", "sip"].contains(telephony) else { throw ValidationError("--telephony is simulated or sip") }
        if telephony == "sip", sipConfig == nil { throw ValidationError("--telephony sip needs --sip-config FILE") }
        if telephony == "simulated", sipConfig != nil { throw ValidationError("--sip-config goes with --telephony sip") }
    }

    func run() async throws {
        CLILogging.bootstrap(level: .info)
        // A SIP configuration with a mistake stops Waihu here, the field named, before anything starts.
        var sip: SIPService?
        if telephony == "sip", let sipConfig {
            let configuration = try SIPConfiguration.load(path: sipConfig)
            sip = try await SIPService.start(configuration, on: MultiThreadedEventLoopGroup.singleton, clock: { Date() })
            say("SIP: trunk \(configuration.trunk.address), listening on \(configuration.listen), media \(configuration.mediaAddress) "
                + "ports \(configuration.rtpPorts.lowerBound)-\(configuration.rtpPorts.upperBound)")
        }
        defer { if let sip { Task { await sip.stop() } } }
        var floorNetwork: FloorNetworkMaker?
        var phoneLines: PhoneLines?
        if let sip {
            phoneLines = { username in
                let phone = await sip.phone(username)
                return PhoneLine(status: phone.status.rawValue, reason: phone.reason)
            }
            floorNetwork = { @Sendable (epoch: Date, wake: @escaping @Sendable () -> Void) -> any FloorNetwork in
                SIPTelephony(service: sip, epoch: epoch, wake: wake)
            }
        }
        let env = Environment(name: "production",
                              arguments: ["waihu", "serve", "--hostname", hostname, "--port", String(port)])
        let app = try await Application.make(env)
        do {
            let location = try db.location()
            app.logger.info("database", metadata: ["url": .string(location.redacted)])
            try await configure(app, WaihuSettings(
                database: location, adminPassword: ProcessInfo.processInfo.environment["WAIHU_ADMIN_PASSWORD"],
                demo: demo, backgroundServices: true, announce: { say($0) },
                secureCookies: secureCookies || ProcessInfo.processInfo.environment["WAIHU_SECURE_COOKIES"] == "1",
                reservationMinutes: max(1, reservationMinutes), deskTimeoutSeconds: max(3, deskTimeoutSeconds),
                floorNetwork: floorNetwork, phoneLines: phoneLines))
            say("Waihu: http://\(hostname):\(port)/  (database \(location.redacted))")
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// `waihu migrate`: run the migrations and stop.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the database migrations and exit.")

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        try await db.withApplication { _ in }
        print("migrations: up to date (\(try db.location().redacted))")
    }
}

/// Prints at once, also when stdout is a file or a pipe (a log collector must see the first-start password).
func say(_ text: String) {
    print(text)
    fflush(nil)
}
