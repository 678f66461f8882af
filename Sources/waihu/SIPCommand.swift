import ArgumentParser
import Foundation
import NIOPosix
import WaihuSIP

/// `waihu sip …`: the real telephone network's tools.
struct SIPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sip", abstract: "Check the SIP trunk and the agents' phones.",
                                                    subcommands: [SIPCheckCommand.self])
}

/// `waihu sip check --sip-config FILE`: sends OPTIONS to the trunk and to every agent's phone and prints what answered.
struct SIPCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Send OPTIONS to the trunk and every agent phone of the SIP configuration and print what answered.")

    @ArgumentParser.Option(name: .long, help: "The SIP configuration file (JSON; see the README).") var sipConfig: String
    @ArgumentParser.Option(help: "Seconds to wait for each answer.") var timeout: Double = 3

    func run() async throws {
        let configuration = try SIPConfiguration.load(path: sipConfig)
        let endpoint = try await SIPEndpoint.start(listen: SIPHostPort(host: configuration.listen.host, port: 0),
                                                   advertisedHost: configuration.mediaAddress, on: MultiThreadedEventLoopGroup.singleton,
                                                   clock: { Date() })
        print("from \(endpoint.advertised) (\(configuration.codecs.map(\.rawValue).joined(separator: ", ")))")
        let rows = await SIPCheck.run(configuration, through: endpoint, giveUpAfter: timeout)
        await endpoint.stop()
        for row in rows { print(row.line) }
        if rows.contains(where: { !$0.reachable }) { throw ExitCode(Exit.failure) }
    }
}
