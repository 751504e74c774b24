import IPVSKit
import LVSHealth
import NIOCore
import NIOPosix
import NIOSSL

/// Runs one probe of any kind against an endpoint. Every network probe runs on one event
/// loop group shared by all (one thread by default: a probe costs a socket and a timer,
/// not a thread, so thousands can be in flight on it), and HTTPS probes share its TLS
/// contexts.
public final class Prober: Sendable {
    private let group: any EventLoopGroup
    private let ownsGroup: Bool
    private let tls: TLSContexts

    /// - Parameters:
    ///   - group: the event loops to run on; nil makes (and `shutdown` ends) a group of
    ///     `threads` threads.
    ///   - trustRoots: the authorities an HTTPS check with `verify` trusts: the system's by
    ///     default.
    public init(group: (any EventLoopGroup)? = nil, threads: Int = 1, trustRoots: NIOSSLTrustRoots = .default) {
        if let group {
            self.group = group
            ownsGroup = false
        } else {
            self.group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
            ownsGroup = true
        }
        tls = TLSContexts(trustRoots: trustRoots)
    }

    /// One run of `kind` against `endpoint`, bounded by `timeout`. Never throws: every way
    /// a run can go wrong is a `ProbeFailure`. A `connectMostly` kind runs its full check
    /// here; choosing between connect and full is the scheduler's.
    public func run(_ kind: CheckKind, at endpoint: RealServerID, timeout: Duration) async -> ProbeOutcome {
        let loop = group.next()
        let outcome: EventLoopFuture<ProbeOutcome>
        switch kind {
        case .connect:
            outcome = ConnectProbe.run(to: endpoint, timeout: timeout, on: loop)
        case .http(let check):
            outcome = HTTPProbe.run(check, to: endpoint, timeout: timeout, on: loop, tls: tls)
        case .tcpExchange(let check):
            outcome = TCPExchangeProbe.run(check, to: endpoint, timeout: timeout, on: loop)
        case .udpExchange(let check):
            outcome = UDPExchangeProbe.run(check, to: endpoint, timeout: timeout, on: loop)
        case .exec(let check):
            return await ExecProbe.run(check, timeout: timeout, on: loop)
        case .connectMostly(_, _, let full):
            return await run(full, at: endpoint, timeout: timeout)
        }
        do {
            return try await outcome.get()
        } catch {
            // ProbeRun's promise only ever succeeds; this is for the event loop shutting down.
            return .failed(.other("probe abandoned: \(error)"))
        }
    }

    /// Ends the event loop group if this prober made it; runs in flight end with it.
    public func shutdown() async {
        guard ownsGroup else { return }
        try? await group.shutdownGracefully()
    }
}
