import Foundation
import WaihuSIP

// What the benchmark's runs share: the peers it starts (SIPp, Kamailio) in a folder of its own, and the figures' arithmetic.

let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/sip").standardized
let work = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-sip-benchmark")

/// An 8 kHz A-law WAV of a 1 kHz sine for SIPp's rtp_stream.
func tone() -> Data {
    let count = 16000
    let samples = (0 ..< count).map { G711.aLaw(Int16(8000 * sin(2 * Double.pi * 1000 * Double($0) / 8000))) }
    func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0 ..< bytes).map { UInt8(value >> (8 * $0) & 0xFF) } }
    return Data(Array("RIFF".utf8) + le(36 + count, 4) + Array("WAVEfmt ".utf8) + le(16, 4) + le(6, 2) + le(1, 2) + le(8000, 4)
                + le(8000, 4) + le(1, 2) + le(8, 2) + Array("data".utf8) + le(count, 4) + samples)
}

/// The folder the peers run in: the tone and SIPp as an echoing agent phone.
func prepareFolder() throws {
    try? FileManager.default.removeItem(at: work)
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try tone().write(to: work.appendingPathComponent("tone.wav"))
    let agentScenario = try String(contentsOf: scripts.appendingPathComponent("agent.xml"), encoding: .utf8)
        .replacingOccurrences(of: "[agent_rtp]", with: "[media_port]")
    try agentScenario.write(to: work.appendingPathComponent("agent-echo.xml"), atomically: true, encoding: .utf8)
}

func start(_ arguments: [String], program: String = "/usr/bin/sipp") throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments + (program.hasSuffix("sipp") ? ["-nostdin", "-nd", "-max_socket", "4096"] : [])
    process.currentDirectoryURL = work
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// SIPp as the customers' network (scripts/sip/customers.xml) on 127.0.0.1:`port`, media from `port + 2`.
func customers(port: Int) throws -> Process {
    try start(["-sf", scripts.appendingPathComponent("customers.xml").path, "-i", "127.0.0.1", "-p", "\(port)",
               "-mi", "127.0.0.1", "-mp", "\(port + 2)", "-cp", "\(port + 6)"])
}

/// Kamailio (scripts/sip/kamailio.cfg) on 127.0.0.1:`port`, proxying to the customers' network at `network`.
func kamailio(port: Int, network: Int) throws -> Process {
    let folder = work.appendingPathComponent("kamailio-\(port)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try start(["-f", scripts.appendingPathComponent("kamailio.cfg").path, "-DD", "-E", "-Y", folder.path,
                      "-P", folder.appendingPathComponent("kamailio.pid").path, "-w", folder.path, "-m", "256", "-M", "16",
                      "-l", "udp:127.0.0.1:\(port)", "-A", "NETWORK=\"sip:127.0.0.1:\(network)\""], program: "/usr/sbin/kamailio")
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
