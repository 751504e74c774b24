import LVSHealth
import NIOCore
import NIOHTTP1
import NIOTLS

/// Sends the request once connected and judges the response: the status first (a status
/// outside the check's ranges fails at once, and with no body check a good one passes at
/// once, without reading the body), then the body.
///
/// The body is kept up to `maximumBody` bytes and judged as soon as it satisfies the
/// check, so a large page that has the text early passes without being read to the end;
/// a page that never satisfies it is judged at its end or at the cap.
final class HTTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    static let maximumBody = 1024 * 1024

    private let check: HTTPCheck
    private let request: HTTPRequestHead
    private let run: ProbeRun
    private var status: Int?
    private var body: [UInt8] = []

    init(check: HTTPCheck, request: HTTPRequestHead, run: ProbeRun) {
        self.check = check
        self.request = request
        self.run = run
    }

    func channelActive(context: ChannelHandlerContext) {
        // With TLS, NIOSSL holds these writes until the handshake is done.
        run.entered(check.tls == nil ? .awaitingReply : .tlsHandshake)
        context.write(wrapOutboundOut(.head(request)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { run.entered(.awaitingReply) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            // 1xx responses are interim: the real status follows.
            guard head.status.code >= 200 else { return }
            let code = Int(head.status.code)
            status = code
            if !check.status.contains(code) {
                run.fail(.httpStatus(code, expected: check.status))
            } else if check.body == nil {
                run.finish(.passed("HTTP \(code)"))
            }
        case .body(var part):
            guard let code = status, let match = check.body else { return }
            let room = Self.maximumBody - body.count
            if let bytes = part.readBytes(length: min(room, part.readableBytes)) { body += bytes }
            judgeBody(code, match, final: body.count >= Self.maximumBody)
        case .end:
            guard let code = status, let match = check.body else { return }
            judgeBody(code, match, final: true)
        }
    }

    private func judgeBody(_ code: Int, _ match: TextMatch, final: Bool) {
        switch ReplyMatcher(match: match).judge(body) {
        case .matches: run.finish(.passed("HTTP \(code), body \(match)"))
        case .doesNotMatch where final: run.fail(.replyMismatch(match))
        case .doesNotMatch: break
        case .unusable(let failure): run.fail(failure)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Closed before a verdict (a verdict closes it too: then this is ignored).
        run.fail(status == nil ? .other("connection closed before a response") : .other("connection closed mid-body"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        run.fail(error)
        context.close(promise: nil)
    }
}
