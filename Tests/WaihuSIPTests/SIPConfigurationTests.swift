import Foundation
import Testing
import WaihuCore
@testable import WaihuSIP

/// The `--sip-config` file: a good one read whole, and each kind of mistake refused with its field named.
@Suite struct SIPConfigurationTests {
    static let good = """
    {"listen": "0.0.0.0:5060", "mediaAddress": "203.0.113.5", "rtpPorts": "30000-30099", "codecs": ["pcmu", "PCMA"],
     "trunk": {"address": "trunk.example.cn:5080", "username": "u1", "password": "p1", "register": true,
               "outcomes": {"403": "suspended", "480;cause=21": "suspended"}},
     "callerID": "4008001234", "projectCallerIDs": {"P-2026-01": "02161234567"},
     "agents": {"a1001": "sip:a1001@192.0.2.21:5062;transport=udp"}, "recordings": "recordings"}
    """

    @Test func aGoodFileIsReadWhole() throws {
        let configuration = try SIPConfiguration.parse(Data(Self.good.utf8))
        #expect(configuration.listen == SIPHostPort(host: "0.0.0.0", port: 5060))
        #expect(configuration.rtpPorts == 30000 ... 30099 && configuration.codecs == [.pcmu, .pcma])
        #expect(configuration.trunk.address == SIPHostPort(host: "trunk.example.cn", port: 5080) && configuration.trunk.domain == "trunk.example.cn")
        #expect(configuration.trunk.register && configuration.trunk.username == "u1")
        #expect(configuration.trunk.outcomes.failure(status: 403, cause: nil) == .suspended)
        #expect(configuration.trunk.outcomes.failure(status: 486, cause: nil) == .busy, "the defaults stay under the trunk's rules")
        #expect(SIPURI.hostPort(of: configuration.agents["a1001"]!) == SIPHostPort(host: "192.0.2.21", port: 5062))
        #expect(configuration.projectCallerIDs["P-2026-01"] == "02161234567")
    }

    @Test func theDefaultsFillWhatIsNotWritten() throws {
        let configuration = try SIPConfiguration.parse(Data(#"{"mediaAddress": "10.0.0.5", "trunk": {"address": "10.0.0.1"}, "callerID": "95555"}"#.utf8))
        #expect(configuration.listen.port == 5060 && configuration.trunk.address.port == 5060)
        #expect(configuration.rtpPorts == 20000 ... 20999 && configuration.codecs == [.pcma, .pcmu], "PCMA first, as Chinese trunks speak it")
        #expect(!configuration.trunk.register && configuration.agents.isEmpty && configuration.abandonMessage == nil)
    }

    /// Each mistake, written into the good file, and the field its refusal must name.
    @Test(arguments: [
        (#""trunk": {"address": "trunk.example.cn:5080""#, #""trunk": {"address": "trunk.example.cn:99999""#, "trunk.address"),
        (#""rtpPorts": "30000-30099""#, #""rtpPorts": "30001-30099""#, "rtpPorts"),
        (#""codecs": ["pcmu", "PCMA"]"#, #""codecs": ["G729"]"#, "codecs"),
        (#""403": "suspended""#, #""403": "hung_up""#, "trunk.outcomes.403"),
        (#""480;cause=21": "suspended""#, #""480;cause=x": "suspended""#, "trunk.outcomes.480;cause=x"),
        (#""password": "p1", "#, "", "trunk.password"),
        (#""callerID": "4008001234""#, #""callerID": "400-800""#, "callerID"),
        (#""02161234567""#, #""""#, "projectCallerIDs.P-2026-01"),
        (#""sip:a1001@192.0.2.21:5062;transport=udp""#, #""a1001@192.0.2.21""#, "agents.a1001"),
        (#""recordings": "recordings""#, #""abandonMessage": "/nonexistent/abandon.wav""#, "abandonMessage"),
        (#""mediaAddress": "203.0.113.5""#, #""mediaAddress": 5"#, "mediaAddress"),
        (#""listen": "0.0.0.0:5060""#, #""listen": "0.0.0.0:5060:1""#, "listen"),
    ])
    func eachMistakeIsRefusedWithItsFieldNamed(original: String, mistake: String, field: String) {
        let text = Self.good.replacingOccurrences(of: original, with: mistake)
        #expect(text != Self.good, "the mistake was written in")
        #expect {
            _ = try SIPConfiguration.parse(Data(text.utf8))
        } throws: { error in
            guard let error = error as? DomainError, error.code == "sip_config" else { return false }
            return error.message.en.hasPrefix("SIP configuration \(field):") && error.message.zh.hasPrefix("SIP 配置 \(field)：")
        }
    }

    @Test func aMissingTrunkOrAFileThatIsNotJSONIsSaidPlainly() {
        #expect(throws: DomainError.self) { try SIPConfiguration.parse(Data("{\"mediaAddress\": \"10.0.0.5\", \"callerID\": \"1\"}".utf8)) }
        do {
            _ = try SIPConfiguration.parse(Data("trunk = 10.0.0.1".utf8))
            Issue.record("not JSON, yet read")
        } catch let error as DomainError {
            #expect(error.message.en == "The SIP configuration file is not valid JSON")
        } catch { Issue.record("\(error)") }
        #expect(throws: DomainError.self) { try SIPConfiguration.load(path: "/nonexistent/sip.json") }
    }
}
