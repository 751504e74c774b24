import IPVSKit
import LVSHealth
import NIOConcurrencyHelpers
import NIOCore
import Testing

@testable import LVSProbes

/// The connect reactor on its own: what each kind of target gives, many at once, and
/// stopping with checks in flight. No bound here is an upper bound on time: a deadline
/// is a floor, and the reactor's ordering is proved by what each check returns, not by
/// when.
@Suite(.onTestExecutor) struct ConnectReactorTests {
    private func reactor() throws -> ConnectReactor {
        try #require(ConnectReactor.start())
    }

    @Test func anOpenPortOnIPv4AndIPv6Passes() async throws {
        let connects = try reactor()
        let listener = try await TestListeners.silentTCP()
        defer { listener.close(promise: nil) }
        let listener6 = try await TestListeners.silentTCP(host: "::1")
        defer { listener6.close(promise: nil) }
        #expect(await connects.connect(to: loopback(listener.boundPort), timeout: .seconds(5)) == .passed("connected"))
        #expect(
            await connects.connect(to: loopback6(listener6.boundPort), timeout: .seconds(5)) == .passed("connected"))
        await connects.shutdown()
    }

    @Test func aClosedPortIsRefusedOnIPv4AndIPv6() async throws {
        let connects = try reactor()
        let closed = try ClosedTCPPort()
        let closed6 = try ClosedTCPPort(ipv6: true)
        let outcome = await connects.connect(to: loopback(closed.port), timeout: .seconds(5))
        #expect(outcome == .failed(.connectionRefused))
        #expect(outcome.description == "connection refused")
        #expect(
            await connects.connect(to: loopback6(closed6.port), timeout: .seconds(5)) == .failed(.connectionRefused))
        await connects.shutdown()
    }

    /// A full accept queue drops the SYN: only the deadline ends the check, with the words
    /// of the event-loop check, and never before it.
    @Test func anUnansweredHandshakeEndsAtItsDeadline() async throws {
        let connects = try reactor()
        let full = try FullBacklogListener()
        defer { full.close() }
        let (outcome, took) = await elapsed {
            await connects.connect(to: loopback(full.port), timeout: .milliseconds(300))
        }
        #expect(outcome == .failed(.connectTimeout(after: .milliseconds(300))))
        #expect(outcome.description == "connect timeout after 0.3 s")
        #expect(took >= .milliseconds(300))
        await connects.shutdown()
    }

    /// A short deadline submitted after a long one ends first, with its own timeout in its
    /// words; the long one is still in flight then, and the stop ends it as abandoned.
    @Test func eachCheckEndsAtItsOwnDeadline() async throws {
        let connects = try reactor()
        let full = try FullBacklogListener()
        defer { full.close() }
        let finished = NIOLockedValueBox<[String]>([])
        let target = loopback(full.port)
        let long = Task {
            let outcome = await connects.connect(to: target, timeout: .seconds(30))
            finished.withLockedValue { $0.append("long") }
            return outcome
        }
        // Submitted after the long one (most likely; either order passes): a reactor that
        // only looked at the first deadline queued would hold this one for 30 s.
        try await Task.sleep(for: .milliseconds(50))
        let short = await connects.connect(to: target, timeout: .milliseconds(200))
        finished.withLockedValue { $0.append("short") }
        #expect(short == .failed(.connectTimeout(after: .milliseconds(200))))
        #expect(finished.withLockedValue { $0 } == ["short"])
        await connects.shutdown()
        #expect(await long.value == ConnectReactor.abandoned)
        #expect(finished.withLockedValue { $0 } == ["short", "long"])
    }

    /// A thousand checks at once, half to a listener that never accepts (the kernel
    /// completes the handshakes) and half to a closed port: each gets its own answer.
    @Test func aThousandChecksAtOnce() async throws {
        OpenFileLimit.raiseToHard()
        let connects = try reactor()
        let listener = try KernelOnlyListener()
        let closed = try ClosedTCPPort()
        let (openPort, closedPort) = (listener.port, closed.port)
        let outcomes = await withTaskGroup(of: (Bool, ProbeOutcome).self) { group in
            for index in 0..<1000 {
                let open = index.isMultiple(of: 2)
                group.addTask {
                    (open, await connects.connect(to: loopback(open ? openPort : closedPort), timeout: .seconds(30)))
                }
            }
            var outcomes: [(Bool, ProbeOutcome)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.count == 1000)
        #expect(outcomes.filter { $0.0 }.allSatisfy { $0.1 == .passed("connected") })
        #expect(outcomes.filter { !$0.0 }.allSatisfy { $0.1 == .failed(.connectionRefused) })
        withExtendedLifetime((listener, closed)) {}
        await connects.shutdown()
    }

    /// Checks in flight when the reactor stops end at once, as abandoned; a check submitted
    /// afterwards too.
    @Test func stoppingEndsChecksInFlight() async throws {
        let connects = try reactor()
        let full = try FullBacklogListener()
        defer { full.close() }
        let listener = try await TestListeners.silentTCP()
        defer { listener.close(promise: nil) }
        let target = loopback(full.port)
        let waiting = Task {
            await withTaskGroup(of: ProbeOutcome.self) { group in
                for _ in 0..<20 { group.addTask { await connects.connect(to: target, timeout: .seconds(600)) } }
                var outcomes: [ProbeOutcome] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
        }
        // The reactor starts what it is given in order: once a check submitted later has
        // passed, the twenty are in flight (unless they were never submitted at all, which
        // the count below would show).
        try await Task.sleep(for: .milliseconds(100))
        #expect(await connects.connect(to: loopback(listener.boundPort), timeout: .seconds(30)) == .passed("connected"))
        await connects.shutdown()
        let outcomes = await waiting.value
        #expect(outcomes.count == 20)
        #expect(outcomes.allSatisfy { $0 == ConnectReactor.abandoned })
        #expect(await connects.connect(to: target, timeout: .seconds(1)) == ConnectReactor.abandoned)
    }
}
