import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import WaihuSIP

extension PeerTests {
/// The relay between two far ends played by UDP sockets of the test: silence to the idle agent, the customer's tone to
/// the agent and back (transcoded between PCMA and PCMU), DTMF passed through, the stereo recording, a message played,
/// dead legs reported, ports given back. Tones are told apart by counting zero crossings, an independent measure.
@Suite struct MediaRelayTests {
    /// A far end: a socket that keeps every RTP packet it receives.
    final class FarEnd: @unchecked Sendable {
        let lock = NSLock()
        var packets: [RTPPacket] = []
        var socket: UDPSocket!

        static func start() async throws -> FarEnd {
            let end = FarEnd()
            end.socket = try await UDPSocket.bind(host: "127.0.0.1", port: 0, on: MultiThreadedEventLoopGroup.singleton) { bytes, _ in
                if let packet = try? RTPPacket.parse(bytes) { end.lock.withLock { end.packets.append(packet) } }
            }
            return end
        }

        var received: [RTPPacket] { lock.withLock { packets } }
        func clear() { lock.withLock { packets = [] } }
        func send(_ packet: RTPPacket, toPort port: Int) throws {
            socket.send(packet.serialized(), to: try SocketAddress(ipAddress: "127.0.0.1", port: port))
        }
    }

    static func tone(_ frequency: Double, samples: Int) -> [Int16] {
        (0 ..< samples).map { Int16(8000 * sin(2 * Double.pi * frequency * Double($0) / 8000 + 0.3)) }
    }

    /// Frequency from zero crossings: a sine of f Hz crosses zero 2f times a second.
    static func frequency(_ samples: ArraySlice<Int16>) -> Double {
        var crossings = 0
        for index in samples.indices.dropFirst() where (samples[index - 1] < 0) != (samples[index] < 0) { crossings += 1 }
        return Double(crossings) / 2 / (Double(samples.count) / 8000)
    }

    static func sleep(_ milliseconds: Int) async { try? await Task.sleep(for: .milliseconds(milliseconds)) }

    /// Waits until `condition` holds, at most 5 s (a loaded CI machine is slow, never wrong): the assertion follows.
    static func eventually(_ condition: () -> Bool) async {
        let deadline = ContinuousClock.now + .seconds(5)
        while !condition(), ContinuousClock.now < deadline { await sleep(10) }
    }

    @Test func aBridgedCallIsRelayedRecordedAndEndedCleanly() async throws {
        let base = 2 * Int.random(in: 15000 ... 19000)
        let relay = LocalMediaRelay(host: "127.0.0.1", ports: base ... base + 9, on: MultiThreadedEventLoopGroup.singleton, rtpTimeout: 0.6)
        await relay.start()
        let customer = try await FarEnd.start(), agent = try await FarEnd.start()
        let customerLeg = try await relay.open(idleSilence: false), agentLeg = try await relay.open(idleSilence: true)
        #expect(customerLeg.port == base && agentLeg.port == base + 2, "even ports from the start of the range")
        try await relay.setRemote(customerLeg.leg, MediaRemote(host: "127.0.0.1", port: customer.socket.localPort, law: .pcma, telephoneEvent: 101))
        try await relay.setRemote(agentLeg.leg, MediaRemote(host: "127.0.0.1", port: agent.socket.localPort, law: .pcmu, telephoneEvent: 96))

        await Self.eventually { agent.received.count >= 5 }
        let silence = agent.received
        #expect(silence.count >= 5 && silence.allSatisfy { $0.payloadType == 0 && $0.payload == Array(repeating: 0xFF, count: 160) })
        #expect(customer.received.isEmpty, "a customer's leg gets no silence of its own")

        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-relay-\(base)/call.wav").path
        try await relay.bridge(customer: customerLeg.leg, agent: agentLeg.leg, recording: recording)
        let thousand = Self.tone(1000, samples: 8000), fiveHundred = Self.tone(500, samples: 8000)
        for frame in 0 ..< 50 {
            let range = frame * 160 ..< (frame + 1) * 160
            try customer.send(RTPPacket(payloadType: 8, sequence: UInt16(1000 + frame), timestamp: UInt32(80000 + 160 * frame), ssrc: 0xC,
                                        payload: thousand[range].map(G711.aLaw)), toPort: customerLeg.port)
            try agent.send(RTPPacket(payloadType: 0, sequence: UInt16(7 + frame), timestamp: UInt32(160 * frame), ssrc: 0xA,
                                     payload: fiveHundred[range].map(G711.muLaw)), toPort: agentLeg.port)
            await Self.sleep(20)
        }
        // A DTMF digit 5 from the customer: three packets of one event, the last marking its end (RFC 4733).
        for (index, end) in [false, false, true].enumerated() {
            try customer.send(RTPPacket(payloadType: 101, sequence: UInt16(1050 + index), timestamp: 88000, ssrc: 0xC,
                                        payload: [5, end ? 0x8A : 0x0A, 0x01, 0x40]), toPort: customerLeg.port)
        }
        await Self.eventually {
            agent.received.filter { $0.payloadType == 96 }.count == 3 && customer.received.filter { $0.payloadType == 8 }.count >= 50
        }

        let heard = agent.received
        let audio = heard.filter { $0.payloadType == 0 }
        #expect(zip(audio, audio.dropFirst()).allSatisfy { $1.sequence == $0.sequence &+ 1 || $1.payloadType != $0.payloadType },
                "one numbering from the silence into the customer's voice")
        let relayed = audio.suffix(from: silence.count).filter { $0.payload != Array(repeating: 0xFF, count: 160) }
        #expect(relayed.count == 50, "the customer's 50 frames reached the agent (\(relayed.count))")
        #expect(relayed.first?.marker == true && Set(heard.map(\.ssrc)).count == 1)
        let agentHears = relayed.flatMap { $0.payload.map(G711.linear(muLaw:)) }
        #expect(abs(Self.frequency(agentHears[...]) - 1000) < 30, "the agent hears the customer's 1 kHz in PCMU")
        let dtmf = heard.filter { $0.payloadType == 96 }
        #expect(dtmf.count == 3 && Set(dtmf.map(\.timestamp)).count == 1 && dtmf.map { $0.payload[0] } == [5, 5, 5])
        let customerHears = customer.received.filter { $0.payloadType == 8 }.flatMap { $0.payload.map(G711.linear(aLaw:)) }
        #expect(customerHears.count == 50 * 160 && abs(Self.frequency(customerHears[...]) - 500) < 15, "and the customer the agent's 500 Hz in PCMA")

        await relay.unbridge(customer: customerLeg.leg)
        let wav = try [UInt8](Data(contentsOf: URL(fileURLWithPath: recording)))
        #expect(WAVFile.u16(wav, 22) == 2 && WAVFile.u32(wav, 24) == 8000)
        let frames = (wav.count - 44) / 4
        let left = (0 ..< frames).map { Int16(bitPattern: WAVFile.u16(wav, 44 + 4 * $0)) }
        let right = (0 ..< frames).map { Int16(bitPattern: WAVFile.u16(wav, 46 + 4 * $0)) }
        let leftSound = left.filter { $0 != 0 }, rightSound = right.filter { $0 != 0 }
        #expect((7_800 ... 8_000).contains(leftSound.count) && (7_800 ... 8_000).contains(rightSound.count),
                "each side's second of sound, once (\(leftSound.count), \(rightSound.count) of \(frames) frames)")
        #expect(abs(Self.frequency(leftSound[...]) - 1000) < 30 && abs(Self.frequency(rightSound[...]) - 500) < 15,
                "customer left, agent right")

        agent.clear()
        await Self.eventually { agent.received.contains { $0.payload == Array(repeating: 0xFF, count: 160) } }
        #expect(agent.received.contains { $0.payload == Array(repeating: 0xFF, count: 160) }, "the agent's leg is back to silence")

        customer.clear()
        try await relay.play(Self.tone(800, samples: 1600), into: customerLeg.leg)
        await Self.eventually { customer.received.count >= 10 }
        let message = customer.received.flatMap { $0.payload.map(G711.linear(aLaw:)) }
        #expect(customer.received.count == 10 && abs(Self.frequency(message[...]) - 800) < 30, "the message, 10 frames of 20 ms")

        var dead: Set<MediaLegID> = []
        for await event in relay.events {
            if case .timedOut(let leg) = event { dead.insert(leg) }
            if dead.count == 2 { break }
        }
        #expect(dead == [customerLeg.leg, agentLeg.leg], "both far ends fell silent")

        await relay.close(customerLeg.leg)
        await relay.close(agentLeg.leg)
        #expect(await relay.openLegs == 0)
        #expect(try await relay.open(idleSilence: false).port == base, "the ports are given back")
        await relay.stop()
        await customer.socket.close()
        await agent.socket.close()
    }

    @Test func aFarEndWithoutG711CannotBeBridgedAndTheLastPortIsRefused() async throws {
        let g729 = SDPAudio(sessionID: 1, version: 1, address: "192.0.2.9", port: 4000, formats: [(18, "G729/8000"), (101, "telephone-event/8000")])
        #expect(MediaRemote.from(g729, codecs: [.pcma, .pcmu]) == nil)
        let both = SDPAudio(sessionID: 1, version: 1, address: "192.0.2.9", port: 4000, formats: [(0, nil), (8, nil), (101, "telephone-event/8000")])
        #expect(MediaRemote.from(both, codecs: [.pcma, .pcmu]) == MediaRemote(host: "192.0.2.9", port: 4000, law: .pcmu, telephoneEvent: 101),
                "the far end's order decides, among the codecs Waihu speaks")
        #expect(MediaRemote.from(both, codecs: [.pcma])?.law == .pcma)
        let base = 2 * Int.random(in: 20000 ... 24000)
        let relay = LocalMediaRelay(host: "127.0.0.1", ports: base ... base + 3, on: MultiThreadedEventLoopGroup.singleton)
        _ = try await relay.open(idleSilence: false)
        _ = try await relay.open(idleSilence: false)
        await #expect(throws: MediaError.noFreePort(base ... base + 3)) { try await relay.open(idleSilence: false) }
        await relay.stop()
    }
}
}
