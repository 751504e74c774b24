import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Servers on loopback for the probes to check, on NIO's shared event loop group (apart
/// from the prober's own group, as a real server would be). Each binds port 0 and says
/// which port it got.
enum TestListeners {
    static let group = MultiThreadedEventLoopGroup.singleton

    /// Accepts connections and never writes a byte: the server that hangs. Its backlog holds
    /// a thousand targets' connects even while the test machine is too busy to accept them.
    static func silentTCP(host: String = "127.0.0.1") async throws -> Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .bind(host: host, port: 0).get()
    }

    /// Answers every request with `status` and `body`, recording each request head (and,
    /// with TLS, the SNI name the client sent).
    static func http(
        status: HTTPResponseStatus = .ok, body: String = "", tls: NIOSSLContext? = nil, host: String = "127.0.0.1",
        recorder: RequestRecorder = RequestRecorder()
    ) async throws -> Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls { try pipeline.addHandler(NIOSSLServerHandler(context: tls)) }
                    try pipeline.configureHTTPServerPipeline()
                    try pipeline.addHandler(FixedResponder(status: status, body: body, recorder: recorder))
                }
            }
            .bind(host: host, port: 0).get()
    }

    /// Replies to each datagram with `reply(datagram)`; nil stays silent.
    static func udp(host: String = "127.0.0.1", reply: @escaping @Sendable ([UInt8]) -> [UInt8]?) async throws
        -> Channel
    {
        try await DatagramBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DatagramResponder(reply: reply))
                }
            }
            .bind(host: host, port: 0).get()
    }

    /// Answers TCP with `reply(bytes received so far)` once it is non-nil, then closes if
    /// `close` is set.
    static func tcp(reply: @escaping @Sendable ([UInt8]) -> [UInt8]?, close: Bool) async throws -> Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(StreamResponder(reply: reply, close: close))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    /// A server TLS context with the committed test certificate (for `probe.test`),
    /// recording the SNI name of each handshake.
    static func tlsContext(recorder: RequestRecorder) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(Fixtures.path("test-cert.pem")).map {
                .certificate($0)
            },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: Fixtures.path("test-key.pem"), format: .pem)))
        configuration.sslContextCallback = { values, promise in
            recorder.record(serverName: values.serverHostname)
            promise.succeed(.noChanges)
        }
        return try NIOSSLContext(configuration: configuration)
    }
}

extension Channel {
    var boundPort: UInt16 { UInt16(localAddress?.port ?? 0) }
}

/// What a test server saw: request heads and SNI names, in order.
final class RequestRecorder: Sendable {
    private let heads = NIOLockedValueBox<[HTTPRequestHead]>([])
    private let names = NIOLockedValueBox<[String?]>([])

    func record(_ head: HTTPRequestHead) { heads.withLockedValue { $0.append(head) } }
    func record(serverName: String?) { names.withLockedValue { $0.append(serverName) } }

    var requests: [HTTPRequestHead] { heads.withLockedValue { $0 } }
    var serverNames: [String?] { names.withLockedValue { $0 } }
}
