import IPVSKit
import LVSHealth
import NIOCore
import NIOPosix

/// `connect` on an event loop (`ConnectChecks.eventLoop`): passes when the TCP handshake
/// completes, and closes at once.
enum ConnectProbe {
    static func run(to endpoint: RealServerID, timeout: Duration, on loop: EventLoop) -> EventLoopFuture<ProbeOutcome> {
        let run = ProbeRun(on: loop, timeout: timeout)
        TCPConnection.open(to: endpoint, for: run, on: loop) { _ in }
            .whenSuccess { _ in run.finish(.passed("connected")) }
        return run.outcome
    }
}

/// The TCP connection every TCP-based probe starts with.
enum TCPConnection {
    /// Connects to `endpoint` with `addHandlers` run on the new channel, and ties the
    /// channel to `run`: a failed connect fails the run, and the run's end closes the
    /// channel. The future succeeds only when the run may go on with the connection.
    @discardableResult
    static func open(
        to endpoint: RealServerID, for run: ProbeRun, on loop: EventLoop,
        addHandlers: @escaping @Sendable (Channel) throws -> Void
    ) -> EventLoopFuture<Channel> {
        let address: SocketAddress
        do {
            address = try endpoint.socketAddress()
        } catch {
            run.finish(.notStarted(error))
            return loop.makeFailedFuture(error)
        }
        // The bootstrap's own connect timeout is the run's whole timeout: NIO then closes
        // the half-open socket itself, and the run's deadline words it as a connect timeout.
        let connecting = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(run.timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try addHandlers(channel) }
            }
            .connect(to: address)
        connecting.whenComplete { result in
            switch result {
            case .success(let channel): run.attach(channel)
            case .failure(let error): run.fail(error)
            }
        }
        return connecting
    }
}
