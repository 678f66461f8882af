import Foundation
import NIOCore
import NIOPosix
import Testing
import WaihuCore
@testable import WaihuSIP

extension PeerTests {
/// The floor's view of the SIP trunk, end to end against SIPp as the customers' network and SIPp as an agent's phone:
/// the agent's standing call comes up and gets silence, an answered customer is bridged and the agent hears the
/// customer's 1 kHz tone, the call is recorded in stereo, a busy number fails as busy, an abandoned call hears the
/// message before Waihu's BYE, and nothing is left open afterwards.
@Suite(.enabled(if: Peer.installed("sipp"), "SIPp (Debian's sip-tester) is not installed"))
struct SIPTelephonyTests {
    /// How long each step may take: the suite runs beside this test on two cores, and twice a step took over 10 s there
    /// (SIPp answering a customer's call, a phone called again) — slow, never wrong.
    static let patience = 30

    @Test func anAgentPhoneACustomerTheBridgeTheRecordingAndTheAbandonMessage() async throws {
        let trunkPort = Peer.unusedPort()
        let heard = try await MediaRelayTests.FarEnd.start()
        let customers = try await Peer.sipp("customers.xml", port: trunkPort)
        defer { customers.stop() }
        let phonePort = Peer.unusedPort()
        let phone = try await Peer.sipp("agent.xml", port: phonePort, extra: ["-key", "agent_rtp", "\(heard.socket.localPort)"])
        defer { phone.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-sip-\(trunkPort)")
        let message = folder.appendingPathComponent("abandon.wav")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(WAVFile.header(channels: 1, dataBytes: 2 * 4000) + WAVFile.interleave(left: [], right: []) +
                 MediaRelayTests.tone(600, samples: 4000).flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] })
            .write(to: message)
        let rtp = 2 * Int.random(in: 25000 ... 29000)
        let file: [String: Any] = ["listen": "127.0.0.1:0", "mediaAddress": "127.0.0.1", "rtpPorts": "\(rtp)-\(rtp + 19)",
                                   "trunk": ["address": "127.0.0.1:\(trunkPort)"], "callerID": "4008001234",
                                   "agents": ["a1001": "sip:a1001@127.0.0.1:\(phonePort)"], "recordings": folder.path,
                                   "abandonMessage": message.path]
        let configuration = try SIPConfiguration.parse(JSONSerialization.data(withJSONObject: file))
        // SIPp's phone sends no media of its own: under the full suite's load the steps below took over 30 s once, and the
        // relay's watchdog (30 s without RTP) dropped the phone's standing call mid-test. The watchdog is tested apart.
        let service = try await SIPService.start(configuration, on: MultiThreadedEventLoopGroup.singleton, clock: { Date() },
                                                 rtpTimeout: 600)
        let floor = SIPTelephony(service: service, epoch: Date())

        var events: [TelephonyEvent] = []
        func drain() { while let (_, event) = floor.popEvent() { events.append(event) } }

        floor.seat(0, agent: "a1001", at: 0)
        await PeerTests.wait("the agent's phone up", seconds: Self.patience) { await service.phone("a1001").status == .up }
        await PeerTests.wait("silence on the agent's phone", seconds: Self.patience) { heard.received.count >= 3 }
        #expect(heard.received.allSatisfy { $0.payloadType == 0 && $0.payload == Array(repeating: 0xFF, count: 160) }, "PCMU silence")
        #expect(await service.phone("a1099").status == .notConfigured)

        floor.originate(OriginateRequest(call: CallID(1), number: "1001", project: "P", callerID: "P"), at: 0)
        floor.originate(OriginateRequest(call: CallID(2), number: "2001", project: "P", callerID: "P"), at: 0)
        await PeerTests.wait("call 1 answered", seconds: Self.patience) { drain(); return events.contains(.answered(CallID(1), by: .person)) }
        #expect(events.contains(.ringing(CallID(1))) && events.contains(.failed(CallID(2), .busy)))
        heard.clear()
        floor.bridge(CallID(1), toAgent: 0, at: 0)
        await PeerTests.wait("the tone at the agent", seconds: Self.patience) { heard.received.filter { $0.payload.first != 0xFF }.count >= 25 }
        let tone = heard.received.filter { $0.payload.first != 0xFF }.flatMap { $0.payload.map(G711.linear(muLaw:)) }
        #expect(abs(MediaRelayTests.frequency(tone[...]) - 1000) < 30, "the agent hears the customer's 1 kHz")
        floor.hangUp(CallID(1), cause: .agent, at: 0)
        await PeerTests.wait("the recording", seconds: Self.patience) { !floor.pendingRecordings().isEmpty }
        let recordings = floor.takeRecordings()
        #expect(recordings.count == 1 && recordings.first?.call == CallID(1))
        if let path = recordings.first?.location {
            let wav = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let left = stride(from: 44, to: wav.count - 3, by: 4).map { Int16(bitPattern: WAVFile.u16(wav, $0)) }.filter { $0 != 0 }
            #expect(WAVFile.u16(wav, 22) == 2 && abs(MediaRelayTests.frequency(left[...]) - 1000) < 30, "the customer on the left")
        }
        await PeerTests.wait("the agent back to silence", seconds: Self.patience) { heard.received.last?.payload == Array(repeating: 0xFF, count: 160) }

        // Abandoned: answered, no agent in time: the message (0.5 s) plays into the call, then BYE.
        floor.originate(OriginateRequest(call: CallID(3), number: "1002", project: "P", callerID: "P"), at: 0)
        await PeerTests.wait("call 3 answered", seconds: Self.patience) { drain(); return events.contains(.answered(CallID(3), by: .person)) }
        let abandoned = ContinuousClock.now
        floor.hangUp(CallID(3), cause: .abandoned, at: 0)
        // The customer's call itself ended (not "one call left": the agent's standing call can drop and come back).
        await PeerTests.wait("the abandoned call ended", seconds: Self.patience) { await service.customers.isEmpty }
        #expect(ContinuousClock.now - abandoned >= .milliseconds(480), "BYE only after the 0.5 s message")

        floor.seat(0, agent: nil, at: 0)
        await PeerTests.wait("every call and leg closed", seconds: Self.patience) { let load = await service.load; return load.calls == 0 && load.legs == 0 }
        #expect(await service.phone("a1001").status == .idle, "logged out: configured, not called")
        await service.stop()
        await heard.socket.close()
    }
}
}
