import Foundation
import Logging
import NIOCore

/// Waihu's own media relay on SwiftNIO UDP (research note §4.1 item 5): every leg owns a port of the range; packets
/// from a bridged leg are renumbered onto the other leg's stream (and transcoded when the two speak different G.711
/// laws); an idle agent's leg gets a silence frame every 20 ms; a message is played frame by frame; the bridge is
/// recorded in stereo. The far end's address is latched to where its packets come from (symmetric RTP, for NAT).
public actor LocalMediaRelay: MediaRelay {
    struct Leg {
        let socket: UDPSocket
        let port: Int
        let idleSilence: Bool
        var remote: MediaRemote?
        var address: SocketAddress?
        var writer: RTPStreamWriter
        var peer: MediaLegID?
        var lastHeard: Double?
        var timedOut = false
        var playback: (samples: [Int16], next: Int, done: CheckedContinuation<Void, Never>)?
    }

    struct Bridge {
        let agent: MediaLegID
        let path: String?
        let began: Double
        var recorder = StereoRecorder()
    }

    let ports: ClosedRange<Int>
    let host: String
    let group: any EventLoopGroup
    let logger: Logger
    /// Seconds without RTP before a leg is reported dead.
    let rtpTimeout: Double
    var legs: [MediaLegID: Leg] = [:]
    var bridges: [MediaLegID: Bridge] = [:]
    var used: Set<Int> = []
    var nextID = 0
    let started = ContinuousClock.now
    var beat: Task<Void, Never>?
    var reader: Task<Void, Never>?
    let datagrams: AsyncStream<(MediaLegID, [UInt8], SocketAddress)>
    let datagramSink: AsyncStream<(MediaLegID, [UInt8], SocketAddress)>.Continuation
    public nonisolated let events: AsyncStream<MediaEvent>
    let eventSink: AsyncStream<MediaEvent>.Continuation

    public init(host: String, ports: ClosedRange<Int>, on group: any EventLoopGroup, rtpTimeout: Double = 30,
                logger: Logger = Logger(label: "waihu.media")) {
        self.host = host
        self.ports = ports
        self.group = group
        self.rtpTimeout = rtpTimeout
        self.logger = logger
        (datagrams, datagramSink) = AsyncStream.makeStream(of: (MediaLegID, [UInt8], SocketAddress).self)
        (events, eventSink) = AsyncStream.makeStream(of: MediaEvent.self)
    }

    /// Starts the 20 ms beat and the reading of every leg's packets.
    public func start() {
        guard beat == nil else { return }
        let datagrams = datagrams
        reader = Task { [weak self] in
            for await (leg, bytes, source) in datagrams { await self?.received(bytes, on: leg, from: source) }
        }
        beat = Task { [weak self] in
            let clock = ContinuousClock()
            var next = clock.now
            while !Task.isCancelled {
                next += .milliseconds(20)
                // After a stall (a busy machine) carry on from now: catching up would send the missed frames of a
                // message in one burst, and it would end early.
                next = max(next, clock.now)
                try? await clock.sleep(until: next)
                await self?.tick()
            }
        }
    }

    public func stop() async {
        beat?.cancel()
        reader?.cancel()
        for leg in Array(legs.keys) { await close(leg) }
        datagramSink.finish()
        eventSink.finish()
    }

    var now: Double {
        let elapsed = started.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    public var openLegs: Int { legs.count }
    /// Packets relayed from one leg to the other so far (the benchmark's proof that media flows).
    public private(set) var relayedPackets = 0

    public func open(idleSilence: Bool) async throws -> (leg: MediaLegID, port: Int) {
        let id = MediaLegID(value: nextID)
        nextID += 1
        let sink = datagramSink
        // Even ports only (RTP's, RFC 3550 §11), each tried once: a port another program holds is skipped.
        for port in stride(from: ports.lowerBound, through: ports.upperBound, by: 2) where !used.contains(port) {
            used.insert(port)
            do {
                let socket = try await UDPSocket.bind(host: host, port: port, on: group) { sink.yield((id, $0, $1)) }
                legs[id] = Leg(socket: socket, port: port, idleSilence: idleSilence,
                               writer: RTPStreamWriter(ssrc: .random(in: 1 ... .max), firstSequence: .random(in: 0 ... .max),
                                                       firstTimestamp: .random(in: 0 ... .max)))
                return (id, port)
            } catch {
                used.remove(port)
                continue
            }
        }
        throw MediaError.noFreePort(ports)
    }

    public func setRemote(_ leg: MediaLegID, _ remote: MediaRemote) async throws {
        guard var changed = legs[leg] else { throw MediaError.unknownLeg(leg) }
        changed.remote = remote
        changed.address = try? SocketAddress.makeAddressResolvingHost(remote.host, port: remote.port)
        // The RTP timeout runs from when the far end became known.
        changed.lastHeard = changed.lastHeard ?? now
        legs[leg] = changed
    }

    public func bridge(customer: MediaLegID, agent: MediaLegID, recording: String?) async throws {
        guard legs[customer] != nil else { throw MediaError.unknownLeg(customer) }
        guard legs[agent] != nil else { throw MediaError.unknownLeg(agent) }
        legs[customer]?.peer = agent
        legs[agent]?.peer = customer
        bridges[customer] = Bridge(agent: agent, path: recording, began: now)
    }

    public func unbridge(customer: MediaLegID) async {
        guard let bridge = bridges.removeValue(forKey: customer) else { return }
        legs[customer]?.peer = nil
        if legs[bridge.agent]?.peer == customer { legs[bridge.agent]?.peer = nil }
        if let path = bridge.path { write(bridge.recorder, to: path) }
    }

    func write(_ recorder: StereoRecorder, to path: String) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(recorder.wav()).write(to: url, options: .atomic)
        } catch {
            logger.error("media: the recording \(path) could not be written: \(error)")
        }
    }

    public func play(_ samples: [Int16], into leg: MediaLegID) async throws {
        guard legs[leg] != nil else { throw MediaError.unknownLeg(leg) }
        await withCheckedContinuation { done in
            guard var playing = legs[leg] else { return done.resume() }
            playing.playback?.done.resume()
            playing.playback = (samples, 0, done)
            legs[leg] = playing
        }
    }

    public func close(_ leg: MediaLegID) async {
        if bridges[leg] != nil { await unbridge(customer: leg) }
        if let (customer, _) = bridges.first(where: { $0.value.agent == leg }) { await unbridge(customer: customer) }
        guard let closed = legs.removeValue(forKey: leg) else { return }
        closed.playback?.done.resume()
        used.remove(closed.port)
        await closed.socket.close()
    }

    func send(_ packet: RTPPacket, on leg: Leg) {
        guard let address = leg.address else { return }
        leg.socket.send(packet.serialized(), to: address)
    }

    func received(_ bytes: [UInt8], on id: MediaLegID, from source: SocketAddress) {
        guard var leg = legs[id], let packet = try? RTPPacket.parse(bytes), let remote = leg.remote else { return }
        let time = now
        leg.lastHeard = time
        leg.timedOut = false
        if leg.address != source { leg.address = source }
        legs[id] = leg
        let isEvent = packet.payloadType == remote.telephoneEvent
        guard isEvent || packet.payloadType == remote.law.payloadType else { return }
        if !isEvent { record(packet, law: remote.law, from: id, at: time) }
        guard let peerID = leg.peer, var peer = legs[peerID], let peerRemote = peer.remote, peer.playback == nil else { return }
        var out = packet
        if isEvent {
            guard let type = peerRemote.telephoneEvent else { return }
            out.payloadType = type
            // An event's packets share its timestamp; only its end moves the clock on (RFC 4733 §2.5).
            let ended = packet.payload.count >= 2 && packet.payload[1] & 0x80 != 0
            let duration = packet.payload.count >= 4 ? UInt32(packet.payload[2]) << 8 | UInt32(packet.payload[3]) : 0
            out = peer.writer.relayed(out, samples: ended ? duration : 0)
        } else {
            if peerRemote.law != remote.law {
                out.payload = packet.payload.map { peerRemote.law.encode(remote.law.decode($0)) }
                out.payloadType = peerRemote.law.payloadType
            }
            out = peer.writer.relayed(out, samples: UInt32(packet.payload.count))
        }
        legs[peerID] = peer
        send(out, on: peer)
        relayedPackets += 1
    }

    func record(_ packet: RTPPacket, law: G711.Law, from leg: MediaLegID, at time: Double) {
        if var bridge = bridges[leg] {
            bridge.recorder.add(packet.payload.map(law.decode), side: .customer, timestamp: packet.timestamp, elapsed: time - bridge.began)
            bridges[leg] = bridge
        } else if let customer = bridges.first(where: { $0.value.agent == leg })?.key, var bridge = bridges[customer] {
            bridge.recorder.add(packet.payload.map(law.decode), side: .agent, timestamp: packet.timestamp, elapsed: time - bridge.began)
            bridges[customer] = bridge
        }
    }

    /// Every 20 ms: the next frame of each message being played, silence to each idle agent leg, dead legs reported.
    func tick() {
        let time = now
        for (id, var leg) in legs {
            guard let remote = leg.remote else { continue }
            if var playback = leg.playback {
                let end = min(playback.next + 160, playback.samples.count)
                let frame = playback.samples[playback.next ..< end].map(remote.law.encode)
                send(leg.writer.made(payloadType: remote.law.payloadType, payload: frame, samples: 160), on: leg)
                playback.next = end
                if end >= playback.samples.count {
                    playback.done.resume()
                    leg.playback = nil
                } else {
                    leg.playback = playback
                }
            } else if leg.peer == nil, leg.idleSilence {
                let frame = Array(repeating: remote.law.silence, count: 160)
                send(leg.writer.made(payloadType: remote.law.payloadType, payload: frame, samples: 160), on: leg)
            }
            if let heard = leg.lastHeard, time - heard > rtpTimeout, !leg.timedOut {
                leg.timedOut = true
                logger.warning("media: no RTP on \(id) (port \(leg.port)) for \(Int(rtpTimeout)) s")
                eventSink.yield(.timedOut(id))
            }
            legs[id] = leg
        }
    }
}
