import Foundation
import Testing
import WaihuSIP

/// The tests with real SIP peers, one at a time: several at once on a small machine, beside the rest of the suite,
/// starve each other's endpoints and media of time.
@Suite(.serialized) enum PeerTests {
    /// Waits until `condition` holds, at most `seconds` (a loaded CI machine is slow, never wrong); records an issue
    /// naming `what` when it never does. The assertions follow.
    static func wait(_ what: String, seconds: Int = 10, until condition: () async -> Bool) async {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !(await condition()) {
            guard ContinuousClock.now < deadline else { Issue.record("waited \(seconds) s for \(what)"); return }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

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

    /// Starts `program`; `started` waits until it has bound its port.
    private init(_ program: String, _ arguments: [String], log: URL, folder: URL?) throws {
        name = program
        process.currentDirectoryURL = folder
        self.folder = folder
        guard let path = Self.path(program) else { throw PeerError.missing(program) }
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardError = output
        process.standardOutput = output
        try process.run()
    }

    /// Starts `program` and waits until it has bound `udpPort` on 127.0.0.1 (read from /proc/net/udp), at most 20 s (the
    /// whole suite runs at once on two cores). The wait sleeps as a task: a thread blocked here is one the endpoints
    /// under test cannot use.
    static func started(_ program: String, _ arguments: [String], udpPort: Int, folder: URL? = nil) async throws -> Peer {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-peer-\(program)-\(udpPort).log")
        let peer = try Peer(program, arguments, log: log, folder: folder)
        let deadline = ContinuousClock.now + .seconds(20)
        while !bound(udpPort) {
            guard ContinuousClock.now < deadline, peer.process.isRunning else {
                peer.stop()
                let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw PeerError.didNotStart(program, udpPort, said: String(said.prefix(2000)))
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return peer
    }

    /// SIGTERM, then SIGKILL after half a second: SIPp ignores SIGTERM and SIGINT when it has no terminal. A process
    /// killed so takes its forks with it (Kamailio's workers: its main process stops them on SIGTERM, but one killed
    /// while still stopping, on a loaded machine, would leave them running after the suite — a Kamailio was once found so).
    func stop() {
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0 ..< 50 where process.isRunning { usleep(10_000) }
        if process.isRunning {
            // Its forks read while it still runs, so that none of their numbers can have gone to another process yet.
            let forks = children()
            kill(process.processIdentifier, SIGKILL)
            for fork in forks { kill(fork, SIGKILL) }
        }
        for _ in 0 ..< 100 where process.isRunning { usleep(10_000) }
    }

    /// The processes the peer forked (read from /proc while it runs).
    private func children() -> [pid_t] {
        let pid = process.processIdentifier
        let listed = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return listed.split(separator: " ").compactMap { pid_t($0) }
    }

    deinit { stop() }

    static func bound(_ port: Int) -> Bool {
        // Read to the end: String(contentsOfFile:) takes the file's size from stat, which is 0 for /proc, and reads
        // one page only — the first 31 sockets; with the whole suite running, the peer's was often further down.
        guard let data = try? FileHandle(forReadingAtPath: "/proc/net/udp")?.readToEnd() else { return false }
        let table = String(decoding: data, as: UTF8.self)
        let local = String(format: "0100007F:%04X", port)
        return table.split(separator: "\n").contains { $0.split(separator: " ").dropFirst().first.map(String.init) == local }
    }

    /// SIPp playing `scenario` (a file under scripts/sip) as a server on 127.0.0.1:`port`, in a folder of its own that
    /// holds `tone.wav` (the customers' 1 kHz tone); its media ports start at `port + 2`, its control port (8888 unless
    /// told, which a second SIPp cannot bind) is `port + 6`.
    static func sipp(_ scenario: String, port: Int, extra: [String] = []) async throws -> Peer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-sipp-\(port)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(toneWAV(hertz: 1000, seconds: 2)).write(to: folder.appendingPathComponent("tone.wav"))
        return try await started("sipp", ["-sf", scripts.appendingPathComponent(scenario).path, "-i", "127.0.0.1", "-p", "\(port)", "-mi", "127.0.0.1",
                                 "-mp", "\(port + 2)", "-ci", "127.0.0.1", "-cp", "\(port + 6)", "-nostdin", "-nd"] + extra, udpPort: port, folder: folder)
    }

    /// Kamailio (scripts/sip/kamailio.cfg) on 127.0.0.1:`port` as the carrier's proxy in front of the customers' network
    /// at 127.0.0.1:`network`; with a `password`, it challenges every INVITE and OPTIONS with 407 for the user "waihu".
    static func kamailio(port: Int, network: Int, password: String? = nil) async throws -> Peer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-kamailio-\(port)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var arguments = ["-f", scripts.appendingPathComponent("kamailio.cfg").path, "-DD", "-E", "-Y", folder.path,
                         "-P", folder.appendingPathComponent("kamailio.pid").path, "-w", folder.path, "-m", "64", "-M", "8",
                         "-l", "udp:127.0.0.1:\(port)", "-A", "NETWORK=\"sip:127.0.0.1:\(network)\""]
        if let password { arguments += ["-A", "WITH_AUTH", "-A", "PASSWORD=\"\(password)\""] }
        return try await started("kamailio", arguments, udpPort: port, folder: folder)
    }

    /// baresip as an agent's softphone, `sip:<user>@127.0.0.1:<port>`, in a folder of its own: it answers every call by
    /// itself, speaks `voice` (8 kHz mono 16-bit samples, looped) and writes what it hears to `dump-…-dec.wav` in its
    /// folder (the sndfile module); its control socket (ctrl_tcp, netstring JSON) is on `port + 4`.
    static func baresip(_ user: String, port: Int, voice: [Int16]) async throws -> Peer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-baresip-\(port)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pcm = voice.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
        try Data(WAVFile.header(channels: 1, dataBytes: pcm.count) + pcm).write(to: folder.appendingPathComponent("voice.wav"))
        let config = """
            poll_method epoll
            sip_listen 127.0.0.1:\(port)
            net_interface 127.0.0.1
            audio_source aufile,\(folder.path)/voice.wav
            module_path /usr/lib/baresip/modules
            module g711.so
            module aufile.so
            module sndfile.so
            module_app account.so
            module_app menu.so
            module_app ctrl_tcp.so
            ctrl_tcp_listen 127.0.0.1:\(port + 4)
            snd_path \(folder.path)

            """
        try config.write(to: folder.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try "<sip:\(user)@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU,PCMA\n"
            .write(to: folder.appendingPathComponent("accounts"), atomically: true, encoding: .utf8)
        return try await started("baresip", ["-f", folder.path, "-v"], udpPort: port, folder: folder)
    }

    /// Sends one ctrl_tcp command (`{"command": …}` as a netstring) to a baresip peer's control port.
    static func baresipCommand(_ command: String, port: Int) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw PeerError.didNotStart("baresip control", port, said: "connect failed") }
        let body = #"{"command":"\#(command)","token":"waihu"}"#
        let message = Array("\(body.utf8.count):\(body),".utf8)
        _ = message.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        usleep(100_000)
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
