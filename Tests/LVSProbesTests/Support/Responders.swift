import NIOCore
import NIOHTTP1

/// Answers each HTTP request with a fixed status and body, then closes.
final class FixedResponder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let status: HTTPResponseStatus
    let body: String
    let recorder: RequestRecorder

    init(status: HTTPResponseStatus, body: String, recorder: RequestRecorder) {
        self.status = status
        self.body = body
        self.recorder = recorder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        recorder.record(head)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        headers.add(name: "Connection", value: "close")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}

/// Replies to each datagram as told, or stays silent.
final class DatagramResponder: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    let reply: @Sendable ([UInt8]) -> [UInt8]?

    init(reply: @escaping @Sendable ([UInt8]) -> [UInt8]?) { self.reply = reply }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let answer = reply(Array(envelope.data.readableBytesView)) else { return }
        let out = AddressedEnvelope(
            remoteAddress: envelope.remoteAddress, data: context.channel.allocator.buffer(bytes: answer))
        context.writeAndFlush(wrapOutboundOut(out), promise: nil)
    }
}

/// Collects a TCP stream and answers once `reply` has something to say.
final class StreamResponder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let reply: @Sendable ([UInt8]) -> [UInt8]?
    let close: Bool
    private var received: [UInt8] = []
    private var answered = false

    init(reply: @escaping @Sendable ([UInt8]) -> [UInt8]?, close: Bool) {
        self.reply = reply
        self.close = close
    }

    func channelActive(context: ChannelHandlerContext) {
        answer(context: context)  // a banner needs no request
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received += Array(unwrapInboundIn(data).readableBytesView)
        answer(context: context)
    }

    private func answer(context: ChannelHandlerContext) {
        guard !answered, let bytes = reply(received) else { return }
        answered = true
        let write = context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)))
        if close { write.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
    }
}
