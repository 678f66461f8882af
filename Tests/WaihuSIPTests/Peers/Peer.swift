import Foundation
import Testing
import WaihuSIP

/// A real SIP peer (SIPp, baresip, Kamailio) started by a test on 127.0.0.1 and stopped by its process. Where the
/// program is not installed the peer tests are skipped, except under CI (`CI` set), where they must run.
final class Peer: @unchecked Sendable {
    let process = Process()
    let name: String
    /// The peer's own folder, removed when it stops.
    var folder: URL?

    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../scripts/sip").standardized

    static func installed(_ program: String) -> Bool {
        ProcessInfo.processInfo.environment["CI"] != nil || path(program) != nil
    }

    static func path(_ program: String) -> String? {
        ["/usr/bin/", "/usr/sbin/", "/usr/local/bin/"].map { $0 + program }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `program` and waits until it has bound `udpPort` on 127.0.0.1 (read from /proc/net/udp), at most 20 s (the
    /// whole suite runs at once on two cores).
    init(_ program: String, _ arguments: [String], udpPort: Int, folder: URL? = nil) throws {
        name = program
        process.currentDirectoryURL = folder
        self.folder = folder
        guard let path = Self.path(program) else { throw PeerError.missing(program) }
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-peer-\(program)-\(udpPort).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardError = output
        process.standardOutput = output
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !Self.bound(udpPort) {
            guard Date() < deadline, process.isRunning else {
                stop()
                let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw PeerError.didNotStart(program, udpPort, said: String(said.prefix(2000)))
            }
            usleep(10_000)
        }
    }

    /// SIGTERM, then SIGKILL after half a second: SIPp ignores SIGTERM and SIGINT when it has no terminal.
    func stop() {
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0 ..< 50 where process.isRunning { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for _ in 0 ..< 100 where process.isRunning { usleep(10_000) }
    }

    deinit { stop() }

    static func bound(_ port: Int) -> Bool {
        guard let table = try? String(contentsOfFile: "/proc/net/udp", encoding: .utf8) else { return false }
        let local = String(format: "0100007F:%04X", port)
        return table.split(separator: "\n").contains { $0.split(separator: " ").dropFirst().first.map(String.init) == local }
    }

    /// SIPp playing `scenario` (a file under scripts/sip) as a server on 127.0.0.1:`port`, in a folder of its own that
    /// holds `tone.wav` (the customers' 1 kHz tone); its media ports start at `port + 2`, its control port (8888 unless
    /// told, which a second SIPp cannot bind) is `port + 6`.
    static func sipp(_ scenario: String, port: Int, extra: [String] = []) throws -> Peer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-sipp-\(port)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(toneWAV(hertz: 1000, seconds: 2)).write(to: folder.appendingPathComponent("tone.wav"))
        return try Peer("sipp", ["-sf", scripts.appendingPathComponent(scenario).path, "-i", "127.0.0.1", "-p", "\(port)", "-mi", "127.0.0.1",
                                 "-mp", "\(port + 2)", "-ci", "127.0.0.1", "-cp", "\(port + 6)", "-nostdin", "-nd"] + extra, udpPort: port, folder: folder)
    }

    /// Kamailio (scripts/sip/kamailio.cfg) on 127.0.0.1:`port` as the carrier's proxy in front of the customers' network
    /// at 127.0.0.1:`network`; with a `password`, it challenges every INVITE and OPTIONS with 407 for the user "waihu".
    static func kamailio(port: Int, network: Int, password: String? = nil) throws -> Peer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-kamailio-\(port)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var arguments = ["-f", scripts.appendingPathComponent("kamailio.cfg").path, "-DD", "-E", "-Y", folder.path,
                         "-P", folder.appendingPathComponent("kamailio.pid").path, "-w", folder.path, "-m", "64", "-M", "8",
                         "-l", "udp:127.0.0.1:\(port)", "-A", "NETWORK=\"sip:127.0.0.1:\(network)\""]
        if let password { arguments += ["-A", "WITH_AUTH", "-A", "PASSWORD=\"\(password)\""] }
        return try Peer("kamailio", arguments, udpPort: port, folder: folder)
    }

    /// An 8 kHz mono A-law WAV (format 6) of a sine, as SIPp's rtp_stream plays it.
    static func toneWAV(hertz: Double, seconds: Double) -> [UInt8] {
        let count = Int(seconds * 8000)
        let data = (0 ..< count).map { index in UInt8(G711.aLaw(Int16(8000 * sin(2 * Double.pi * hertz * Double(index) / 8000)))) }
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
        return Array("RIFF".utf8) + le32(36 + count) + Array("WAVEfmt ".utf8) + le32(16) + le16(6) + le16(1) + le32(8000) + le32(8000)
            + le16(1) + le16(8) + Array("data".utf8) + le32(count) + data
    }

    /// The first of ten ports no one holds, for a peer (SIPp takes its port, media at +2 and +4, control at +6) or for
    /// "nothing answers here".
    static func unusedPort() -> Int {
        var port = 10 * Int.random(in: 4000 ... 4999)
        while (0 ... 9).contains(where: { bound(port + $0) }) { port += 10 }
        return port
    }

    enum PeerError: Error {
        case missing(String)
        case didNotStart(String, Int, said: String)
    }
}
