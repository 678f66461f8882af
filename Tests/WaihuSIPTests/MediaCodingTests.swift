import Foundation
import Testing
@testable import WaihuSIP

/// G.711 against CPython's `audioop` (an independent implementation, `G711Reference`), RTP packets against the
/// RFC 3550 layout worked by hand, the stream writer's numbering across sources, and WAV files field by field.
@Suite struct MediaCodingTests {
    @Test func g711DecodesAndEncodesAsAnotherImplementationDoes() {
        #expect((0 ... 255).map { G711.linear(muLaw: UInt8($0)) } == G711Reference.muLawDecoded)
        #expect((0 ... 255).map { G711.linear(aLaw: UInt8($0)) } == G711Reference.aLawDecoded)
        #expect(G711Reference.samples.map(G711.muLaw) == G711Reference.muLawEncoded)
        #expect(G711Reference.samples.map(G711.aLaw) == G711Reference.aLawEncoded)
        #expect(G711.Law.pcmu.silence == 0xFF && G711.Law.pcma.silence == 0xD5)
        #expect(G711.Law.pcmu.payloadType == 0 && G711.Law.pcma.payloadType == 8)
    }

    /// V=2, P=1, X=1, CC=1, M=1, PT=8, seq 0x1234, ts 0x01020304, SSRC 0xA1B2C3D4, one CSRC, a one-word extension,
    /// payload 3 bytes, 2 bytes of padding.
    static let handMade: [UInt8] = [0xB1, 0x88, 0x12, 0x34, 0x01, 0x02, 0x03, 0x04, 0xA1, 0xB2, 0xC3, 0xD4,
                                    0x00, 0x00, 0x00, 0x09, 0xBE, 0xDE, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFF,
                                    0x55, 0x66, 0x77, 0x00, 0x02]

    @Test func anRTPPacketIsReadPastItsExtensionAndPadding() throws {
        let packet = try RTPPacket.parse(Self.handMade)
        #expect(packet == RTPPacket(marker: true, payloadType: 8, sequence: 0x1234, timestamp: 0x0102_0304, ssrc: 0xA1B2_C3D4,
                                    contributors: [9], payload: [0x55, 0x66, 0x77]))
        #expect(try RTPPacket.parse(packet.serialized()) == packet, "written and read back")
        #expect(packet.serialized().count == 12 + 4 + 3)
        #expect(throws: RTPParseError.tooShort(5)) { try RTPPacket.parse([0x80, 0, 0, 0, 0]) }
        #expect(throws: RTPParseError.notVersion2(1)) { try RTPPacket.parse([0x40] + Array(repeating: 0, count: 11)) }
        #expect(throws: RTPParseError.badLength) { try RTPPacket.parse([0xA0] + Array(repeating: 0, count: 10) + [40]) }
    }

    @Test func theWriterKeepsOneNumberingAcrossSourcesAndDTMFKeepsItsTimestamp() {
        var writer = RTPStreamWriter(ssrc: 7, firstSequence: 65534, firstTimestamp: 4_294_967_000)
        let silence = (0 ..< 2).map { _ in writer.made(payloadType: 8, payload: [0xD5], samples: 160) }
        #expect(silence.map(\.sequence) == [65534, 65535] && silence.map(\.marker) == [true, false])
        #expect(silence[1].timestamp == 4_294_967_160)
        // The customer's packets arrive with their own numbers; the agent hears them as the next of the same stream.
        let customer = [RTPPacket(payloadType: 8, sequence: 100, timestamp: 5000, ssrc: 99, payload: [1]),
                        RTPPacket(payloadType: 8, sequence: 101, timestamp: 5160, ssrc: 99, payload: [2])]
        let relayed = customer.map { writer.relayed($0, samples: 160) }
        #expect(relayed.map(\.sequence) == [0, 1] && relayed.map(\.ssrc) == [7, 7])
        #expect(relayed.map(\.timestamp) == [24, 184], "4,294,967,160 + 160 wraps at 2^32 to 24")
        #expect(relayed.map(\.marker) == [true, false])
        // An RFC 4733 event: three packets sharing one timestamp, the last moving the clock by its duration.
        let event = [(102, false), (103, false), (104, true)].map { sequence, last in
            RTPPacket(payloadType: 101, sequence: UInt16(sequence), timestamp: 5320, ssrc: 99, payload: [5, last ? 0x80 : 0, 0, 160])
        }
        let dtmf = event.enumerated().map { index, packet in writer.relayed(packet, samples: index == 2 ? 480 : 0) }
        #expect(dtmf.map(\.timestamp) == [344, 344, 344] && dtmf.map(\.sequence) == [2, 3, 4])
        // Back to Waihu's own frames: continuing after the event.
        let after = writer.made(payloadType: 8, payload: [0xD5], samples: 160)
        #expect(after.sequence == 5 && after.timestamp == 344 + 480 && after.marker)
        // A late packet of the old source does not pull the stream back.
        var late = RTPStreamWriter(ssrc: 1, firstSequence: 10, firstTimestamp: 0)
        _ = late.relayed(RTPPacket(payloadType: 0, sequence: 50, timestamp: 800, ssrc: 3, payload: []), samples: 160)
        let early = late.relayed(RTPPacket(payloadType: 0, sequence: 49, timestamp: 640, ssrc: 3, payload: []), samples: 160)
        #expect(early.sequence == 9 && late.made(payloadType: 0, payload: [], samples: 160).sequence == 11)
    }

    @Test func aStereoRecordingsHeaderAndFramesAreLaidOutAsRIFFSays() {
        let header = WAVFile.header(channels: 2, dataBytes: 8)
        #expect(header.count == 44)
        #expect(Array(header[0 ..< 4]) == Array("RIFF".utf8) && WAVFile.u32(header, 4) == 44)
        #expect(WAVFile.u16(header, 22) == 2 && WAVFile.u32(header, 24) == 8000 && WAVFile.u32(header, 28) == 32000)
        #expect(WAVFile.u16(header, 32) == 4 && WAVFile.u16(header, 34) == 16 && WAVFile.u32(header, 40) == 8)
        #expect(WAVFile.interleave(left: [1, -2], right: [0x0102]) == [1, 0, 2, 1, 0xFE, 0xFF, 0, 0])
    }

    @Test func aMessageIsReadInEachOfItsThreeEncodingsAndOthersAreRefused() throws {
        func file(format: Int, bits: Int, channels: Int = 1, rate: Int = 8000, data: [UInt8]) -> [UInt8] {
            let fmt = WAVFile.le16(format) + WAVFile.le16(channels) + WAVFile.le32(rate) + WAVFile.le32(rate * channels * bits / 8)
                + WAVFile.le16(channels * bits / 8) + WAVFile.le16(bits)
            let list = Array("LIST".utf8) + WAVFile.le32(3) + [1, 2, 3, 0]
            return Array("RIFF".utf8) + WAVFile.le32(0) + Array("WAVE".utf8) + list + Array("fmt ".utf8) + WAVFile.le32(16) + fmt
                + Array("data".utf8) + WAVFile.le32(data.count) + data
        }
        #expect(try WAVFile.monoSamples(file(format: 1, bits: 16, data: [0x10, 0x00, 0xF0, 0xFF])) == [16, -16])
        #expect(try WAVFile.monoSamples(file(format: 7, bits: 8, data: [0xFF, 0x80])) == [0, 32124])
        #expect(try WAVFile.monoSamples(file(format: 6, bits: 8, data: [0xD5])) == [8])
        #expect(throws: WAVError.unsupported(format: 1, channels: 2, sampleRate: 8000, bits: 16)) {
            try WAVFile.monoSamples(file(format: 1, bits: 16, channels: 2, data: []))
        }
        #expect(throws: WAVError.unsupported(format: 1, channels: 1, sampleRate: 16000, bits: 16)) {
            try WAVFile.monoSamples(file(format: 1, bits: 16, rate: 16000, data: []))
        }
        #expect(throws: WAVError.notRIFFWave) { try WAVFile.monoSamples(Array("ID3 not a wav".utf8)) }
    }
}
