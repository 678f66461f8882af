import NIOCore
import NIOPosix

/// One bound UDP socket on SwiftNIO: every datagram that arrives goes to `receive` with its sender; `send` writes one.
/// SIP signalling and each RTP leg own one.
public final class UDPSocket: Sendable {
    let channel: any Channel
    public let localAddress: SocketAddress

    init(channel: any Channel) throws {
        self.channel = channel
        guard let address = channel.localAddress else { throw ChannelError.unknownLocalAddress }
        localAddress = address
    }

    public var localPort: Int { localAddress.port ?? 0 }

    public static func bind(host: String, port: Int, on group: any EventLoopGroup,
                            receive: @escaping @Sendable ([UInt8], SocketAddress) -> Void) async throws -> UDPSocket {
        let channel = try await DatagramBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Inbound(receive: receive)) }
            }
            .bind(host: host, port: port).get()
        return try UDPSocket(channel: channel)
    }

    public func send(_ bytes: [UInt8], to address: SocketAddress) {
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: buffer), promise: nil)
    }

    public func close() async {
        try? await channel.close()
    }

    final class Inbound: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let receive: @Sendable ([UInt8], SocketAddress) -> Void

        init(receive: @escaping @Sendable ([UInt8], SocketAddress) -> Void) {
            self.receive = receive
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let envelope = unwrapInboundIn(data)
            receive(Array(envelope.data.readableBytesView), envelope.remoteAddress)
        }

        /// An ICMP error or a refused send must not close the socket the whole floor talks through.
        func errorCaught(context: ChannelHandlerContext, error: any Error) {}
    }
}

extension SIPHostPort {
    /// The socket address, looking the host up when it is a name.
    public func socketAddress() throws -> SocketAddress {
        try SocketAddress.makeAddressResolvingHost(host, port: port)
    }
}
