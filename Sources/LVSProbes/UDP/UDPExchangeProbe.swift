import IPVSKit
import LVSHealth
import NIOCore
import NIOPosix

/// `udpExchange`: send one datagram and judge the first reply; silence until the deadline
/// fails. The socket is connected to the target, so the kernel drops datagrams from
/// anyone else, and an ICMP port unreachable comes back as "connection refused".
enum UDPExchangeProbe {
    static func run(
        _ check: ExchangeCheck, to endpoint: RealServerID, timeout: Duration, on loop: EventLoop
    ) -> EventLoopFuture<ProbeOutcome> {
        let run = ProbeRun(on: loop, timeout: timeout)
        let address: SocketAddress
        do {
            address = try endpoint.socketAddress()
        } catch {
            run.finish(.notStarted(error))
            return run.outcome
        }
        run.entered(.awaitingReply)
        DatagramBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DatagramReplyHandler(check: check, run: run))
                }
            }
            .connect(to: address)
            .whenComplete { result in
                switch result {
                case .success(let channel): run.attach(channel)
                case .failure(let error): run.fail(error)
                }
            }
        return run.outcome
    }
}

/// Sends the datagram once connected and judges the first one that comes back: unlike a
/// TCP stream, a datagram is a whole reply, so a mismatch fails at once.
final class DatagramReplyHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = ByteBuffer

    private let check: ExchangeCheck
    private let run: ProbeRun

    init(check: ExchangeCheck, run: ProbeRun) {
        self.check = check
        self.run = run
    }

    func channelActive(context: ChannelHandlerContext) {
        let datagram = context.channel.allocator.buffer(bytes: check.send)
        context.writeAndFlush(wrapOutboundOut(datagram)).whenFailure { [run] error in run.fail(error) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = Array(unwrapInboundIn(data).data.readableBytesView)
        guard let expect = check.expect else { return run.finish(.passed("replied")) }
        switch ReplyMatcher(match: expect).judge(reply) {
        case .matches: run.finish(.passed("reply \(expect)"))
        case .doesNotMatch: run.fail(.replyMismatch(expect))
        case .unusable(let failure): run.fail(failure)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        run.fail(error)
    }
}
