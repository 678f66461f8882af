import Foundation
import NIOPosix
import Testing
import WaihuCore
@testable import WaihuSIP

extension PeerTests {
/// baresip, a real softphone, as the agent's phone: Waihu calls it at login and it answers by itself; bridged to a
/// customer of SIPp's network, it hears the customer's 1 kHz tone (its own dump of what it decoded) and its 500 Hz
/// voice is on the recording's right channel; when it hangs up its line, Waihu shows the line down and calls it again.
@Suite(.enabled(if: Peer.installed("sipp") && Peer.installed("baresip"), "SIPp or baresip is not installed"))
struct BaresipTests {
    @Test func aSoftphoneAnswersHearsTheCustomerAndIsCalledAgainAfterItHangsUp() async throws {
        let trunkPort = Peer.unusedPort(), phonePort = Peer.unusedPort()
        let customers = try await Peer.sipp("customers.xml", port: trunkPort)
        defer { customers.stop() }
        let phone = try await Peer.baresip("a1001", port: phonePort, voice: MediaRelayTests.tone(500, samples: 8000 * 60))
        defer { phone.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-sip-\(trunkPort)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rtp = 2 * Int.random(in: 25000 ... 29000)
        let file: [String: Any] = ["listen": "127.0.0.1:0", "mediaAddress": "127.0.0.1", "rtpPorts": "\(rtp)-\(rtp + 19)",
                                   "trunk": ["address": "127.0.0.1:\(trunkPort)"], "callerID": "4008001234",
                                   "agents": ["a1001": "sip:a1001@127.0.0.1:\(phonePort)"], "recordings": folder.path]
        let configuration = try SIPConfiguration.parse(JSONSerialization.data(withJSONObject: file))
        let service = try await SIPService.start(configuration, on: MultiThreadedEventLoopGroup.singleton, clock: { Date() })
        let floor = SIPTelephony(service: service, epoch: Date())
        var events: [TelephonyEvent] = []
        func drain() { while let (_, event) = floor.popEvent() { events.append(event) } }

        floor.seat(0, agent: "a1001", at: 0)
        await PeerTests.wait("baresip to answer the agent's line") { await service.phone("a1001").status == .up }
        floor.originate(OriginateRequest(call: CallID(1), number: "1001", project: "P", callerID: "P"), at: 0)
        await PeerTests.wait("the customer's answer") { drain(); return events.contains(.answered(CallID(1), by: .person)) }
        floor.bridge(CallID(1), toAgent: 0, at: 0)
        try await Task.sleep(for: .seconds(2))
        floor.hangUp(CallID(1), cause: .agent, at: 0)
        await PeerTests.wait("the recording") { !floor.pendingRecordings().isEmpty }
        if let path = floor.takeRecordings().first?.location {
            let wav = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let frames = stride(from: 44, to: wav.count - 3, by: 4)
            let left = Self.sounding(frames.map { Int16(bitPattern: WAVFile.u16(wav, $0)) })
            let right = Self.sounding(frames.map { Int16(bitPattern: WAVFile.u16(wav, $0 + 2)) })
            #expect(left.count > 8000 && abs(MediaRelayTests.frequency(left) - 1000) < 30, "the customer's 1 kHz on the left")
            #expect(right.count > 8000 && abs(MediaRelayTests.frequency(right) - 500) < 30, "baresip's 500 Hz voice on the right")
        } else {
            Issue.record("no recording")
        }

        // The softphone hangs its line up: Waihu shows it down and calls it again (5 s later), and it answers again.
        try Peer.baresipCommand("hangup", port: phonePort + 4)
        await PeerTests.wait("the line shown down") { await service.phone("a1001").status != .up }
        #expect(await service.phone("a1001").status == .down)
        await PeerTests.wait("the line up again", seconds: 15) { await service.phone("a1001").status == .up }

        floor.seat(0, agent: nil, at: 0)
        await PeerTests.wait("every call and leg closed") { let load = await service.load; return load.calls == 0 && load.legs == 0 }
        // What the softphone heard on its first call: silence, then the customer's tone.
        let dumps = try FileManager.default.contentsOfDirectory(atPath: phone.folder!.path).filter { $0.hasSuffix("-dec.wav") }.sorted()
        var heard: ArraySlice<Int16> = []
        for dump in dumps {
            let wav = try [UInt8](Data(contentsOf: phone.folder!.appendingPathComponent(dump)))
            let sound = Self.sounding(stride(from: 44, to: wav.count - 1, by: 2).map { Int16(bitPattern: WAVFile.u16(wav, $0)) })
            if sound.count > heard.count { heard = sound }
        }
        #expect(dumps.count >= 2, "a dump for each of the two calls to the phone: \(dumps)")
        #expect(heard.count > 8000 && abs(MediaRelayTests.frequency(heard) - 1000) < 30, "baresip heard the customer's 1 kHz")
        await service.stop()
    }

    /// The samples from the first to the last that is not silence (G.711's silence decodes to a few units either side
    /// of zero, as do a tone's samples at its zero crossings, which must stay in for the crossings to count).
    static func sounding(_ samples: [Int16]) -> ArraySlice<Int16> {
        guard let first = samples.firstIndex(where: { abs(Int($0)) > 200 }), let last = samples.lastIndex(where: { abs(Int($0)) > 200 }) else {
            return []
        }
        return samples[first ... last]
    }
}
}
