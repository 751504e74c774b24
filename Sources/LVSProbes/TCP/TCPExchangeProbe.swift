import IPVSKit
import LVSHealth
import NIOCore
import NIOPosix

/// `tcpExchange`: connect, send the check's bytes, and read until the reply satisfies
/// `expect`, the peer closes, or the deadline.
enum TCPExchangeProbe {
    static func run(
        _ check: ExchangeCheck, to endpoint: RealServerID, timeout: Duration, on loop: EventLoop
    ) -> EventLoopFuture<ProbeOutcome> {
        let run = ProbeRun(on: loop, timeout: timeout)
        TCPConnection.open(to: endpoint, for: run, on: loop) { channel in
            try channel.pipeline.syncOperations.addHandler(ExchangeReplyHandler(check: check, run: run))
        }
        return run.outcome
    }
}

/// Sends the check's bytes once connected and judges what comes back.
///
/// With an `expect`, the run passes as soon as the bytes read so far satisfy it (a
/// server that answers and keeps the connection open passes without waiting), and fails
/// if the peer closes first. Without one, any reply or a clean close passes. Replies are
/// kept up to `maximumReply` bytes: a check's answer is a banner or a status line, and
/// a peer streaming without end must not grow the director's memory.
final class ExchangeReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let maximumReply = 64 * 1024

    private let check: ExchangeCheck
    private let run: ProbeRun
    private var reply: [UInt8] = []

    init(check: ExchangeCheck, run: ProbeRun) {
        self.check = check
        self.run = run
    }

    func channelActive(context: ChannelHandlerContext) {
        run.entered(.awaitingReply)
        if !check.send.isEmpty {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: check.send)), promise: nil)
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let room = Self.maximumReply - reply.count
        if let bytes = buffer.readBytes(length: min(room, buffer.readableBytes)) { reply += bytes }
        guard let expect = check.expect else {
            return run.finish(.passed("replied"))
        }
        switch ReplyMatcher(match: expect).judge(reply) {
        case .matches: run.finish(.passed("reply \(expect)"))
        case .doesNotMatch where reply.count >= Self.maximumReply: run.fail(.replyMismatch(expect))
        case .doesNotMatch: break
        case .unusable(let failure): run.fail(failure)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The peer closed (or the run ended and closed it: then this finish is ignored).
        if let expect = check.expect {
            run.fail(reply.isEmpty ? .other("connection closed without a reply") : .replyMismatch(expect))
        } else {
            run.finish(.passed("closed cleanly"))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        run.fail(error)
        context.close(promise: nil)
    }
}
