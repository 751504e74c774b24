import LVSHealth
import NIOCore
import Testing

@testable import LVSProbes

#if canImport(Glibc)
    import Glibc
#endif

/// The connect check through the prober, on either path: the words must be the same.
@Suite(.onTestExecutor) struct ConnectProbeTests {
    @Test(arguments: [ConnectChecks.reactor, .eventLoop])
    func aListeningPortPasses(on path: ConnectChecks) async throws {
        let prober = Prober(connectChecks: path)
        let listener = try await TestListeners.silentTCP()
        defer { listener.close(promise: nil) }
        let outcome = await prober.run(.connect, at: loopback(listener.boundPort), timeout: .seconds(2))
        #expect(outcome == .passed("connected"))
    }

    @Test(arguments: [ConnectChecks.reactor, .eventLoop])
    func aClosedPortIsRefused(on path: ConnectChecks) async throws {
        let prober = Prober(connectChecks: path)
        let closed = try ClosedTCPPort()
        let outcome = await prober.run(.connect, at: loopback(closed.port), timeout: .seconds(2))
        #expect(outcome == .failed(.connectionRefused))
        #expect(outcome.description == "connection refused")
    }

    @Test(arguments: [ConnectChecks.reactor, .eventLoop])
    func ipv6LoopbackPassesAndRefuses(on path: ConnectChecks) async throws {
        let prober = Prober(connectChecks: path)
        let listener = try await TestListeners.silentTCP(host: "::1")
        defer { listener.close(promise: nil) }
        #expect(
            await prober.run(.connect, at: loopback6(listener.boundPort), timeout: .seconds(2)) == .passed("connected"))
        let closed = try ClosedTCPPort(ipv6: true)
        #expect(
            await prober.run(.connect, at: loopback6(closed.port), timeout: .seconds(2)) == .failed(.connectionRefused))
    }

    /// A listener whose accept queue is full drops new SYNs, so the handshake never
    /// completes: the connect must end at the timeout, not at the kernel's minutes of
    /// retries.
    @Test(arguments: [ConnectChecks.reactor, .eventLoop])
    func anUnansweredHandshakeEndsAtTheTimeout(on path: ConnectChecks) async throws {
        let prober = Prober(connectChecks: path)
        let full = try FullBacklogListener()
        defer { full.close() }
        let (outcome, took) = await elapsed {
            await prober.run(.connect, at: loopback(full.port), timeout: .milliseconds(300))
        }
        #expect(outcome == .failed(.connectTimeout(after: .milliseconds(300))))
        #expect(outcome.description == "connect timeout after 0.3 s")
        #expect(took >= .milliseconds(250) && took < .seconds(3))
    }

    @Test func errnoWordsForUnreachableTargets() {
        #expect(ProbeFailure(errno: ENETUNREACH) == .unreachable("Network is unreachable"))
        #expect(ProbeFailure(errno: EHOSTUNREACH).description == "unreachable: No route to host")
        #expect(ProbeFailure(errno: ECONNRESET) == .connectionReset)
    }

    /// NIO's own connect timeout fires with the run's deadline; whichever reports first,
    /// the words are the same.
    @Test func nioConnectTimeoutReadsAsAConnectTimeout() {
        let failure = ProbeFailure(ChannelError.connectTimeout(.seconds(1)), during: .connecting, timeout: .seconds(1))
        #expect(failure == .connectTimeout(after: .seconds(1)))
    }
}
