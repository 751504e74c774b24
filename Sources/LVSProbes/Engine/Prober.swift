import IPVSKit
import LVSHealth
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one probe of any kind against an endpoint. Every network probe runs on one event
/// loop group shared by all (one thread by default: a probe costs a socket and a timer,
/// not a thread, so thousands can be in flight on it), and HTTPS probes share its TLS
/// contexts. `connect` checks run on a `ConnectReactor` of their own instead, unless
/// `connectChecks` says otherwise. At most `slots.limit` probes are in flight (it follows
/// how late the loops and the reactor run, sampled here); the others wait their turn.
public final class Prober: Sendable {
    private let group: any EventLoopGroup
    private let ownsGroup: Bool
    private let tls: TLSContexts
    public let slots: ProbeSlots
    private let samplers: [RepeatedTask]
    /// Nil when connect checks run on the event loops.
    private let connects: ConnectReactor?

    /// - Parameters:
    ///   - group: the event loops to run on; nil makes (and `shutdown` ends) a group of
    ///     `threads` threads.
    ///   - trustRoots: the authorities an HTTPS check with `verify` trusts: the system's by
    ///     default.
    ///   - slots: how many probes may be in flight at once; by default as many as the
    ///     process's open-file limit leaves room for (`ProbeSlots.capacity(openFiles:)`).
    ///   - connectChecks: where `connect` checks run. The reactor's thread is started here,
    ///     so its sockets are in the network namespace of the thread that makes the prober;
    ///     if the system gives no thread or epoll instance, they run on the event loops.
    public init(
        group: (any EventLoopGroup)? = nil, threads: Int = 1, trustRoots: NIOSSLTrustRoots = .default,
        slots: ProbeSlots? = nil, connectChecks: ConnectChecks = .fromEnvironment
    ) {
        self.slots = slots ?? ProbeSlots(capacity: ProbeSlots.capacity(openFiles: Int(sysconf(Int32(_SC_OPEN_MAX)))))
        if let group {
            self.group = group
            ownsGroup = false
        } else {
            self.group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
            ownsGroup = true
        }
        tls = TLSContexts(trustRoots: trustRoots)
        let slots = self.slots
        samplers = self.group.makeIterator().map { loop in
            let source = slots.makeLatenessSource()
            return LatenessSampler.start(on: loop, every: AdmissionLimit.samplingInterval) {
                slots.noteLateness($0, from: source)
            }
        }
        let reactorSource = slots.makeLatenessSource()
        connects =
            connectChecks == .reactor ? ConnectReactor.start { slots.noteLateness($0, from: reactorSource) } : nil
    }

    deinit { connects?.stop() }

    /// One run of `kind` against `endpoint`, bounded by `timeout`. Never throws: every way
    /// a run can go wrong is a `ProbeFailure`. A `connectMostly` kind runs its full check
    /// here; choosing between connect and full is the scheduler's.
    public func run(_ kind: CheckKind, at endpoint: RealServerID, timeout: Duration) async -> ProbeOutcome {
        // Cancelled while waiting: the target was dropped or the daemon stops; nobody reads
        // the outcome.
        guard await slots.acquire() else { return .failed(.other("probe cancelled before it started")) }
        defer { slots.release() }
        return await runNow(kind, at: endpoint, timeout: timeout)
    }

    /// One run for a caller that took one of `slots` for it (`ProbeScheduler` takes the
    /// slot before it starts a run, so that targets waiting their turn are entries in its
    /// schedule, not tasks); the slot is given back when the run ends.
    func run(holdingSlot kind: CheckKind, at endpoint: RealServerID, timeout: Duration) async -> ProbeOutcome {
        defer { slots.release() }
        return await runNow(kind, at: endpoint, timeout: timeout)
    }

    private func runNow(_ kind: CheckKind, at endpoint: RealServerID, timeout: Duration) async -> ProbeOutcome {
        let loop = group.next()
        let outcome: EventLoopFuture<ProbeOutcome>
        switch kind {
        case .connect:
            if let connects { return await connects.connect(to: endpoint, timeout: timeout) }
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
            return await runNow(full, at: endpoint, timeout: timeout)
        }
        do {
            return try await outcome.get()
        } catch {
            // ProbeRun's promise only ever succeeds; this is for the event loop shutting down.
            return .failed(.other("probe abandoned: \(error)"))
        }
    }

    /// Ends the connect reactor, and the event loop group if this prober made it; runs in
    /// flight end with them.
    public func shutdown() async {
        for sampler in samplers { sampler.cancel() }
        await connects?.shutdown()
        guard ownsGroup else { return }
        try? await group.shutdownGracefully()
    }
}
