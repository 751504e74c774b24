import IPVSKit
import LVSHealth
import NIOCore
import Testing

@testable import LVSProbes

/// The scheduler against real listeners. Timing assertions are one-sided where load could
/// move them (a sleep never ends early, so "not before" bounds are exact; "by then"
/// bounds are generous).
@Suite(.onTestExecutor) struct ProbeSchedulerTests {
    @Test func firstRunsAreSpreadOverTheIntervalInConfigurationOrder() async throws {
        var listeners: [Channel] = []
        for _ in 0..<4 { listeners.append(try await TestListeners.silentTCP()) }
        defer { for listener in listeners { listener.close(promise: nil) } }
        let targets = listeners.map { target(.connect, loopback($0.boundPort), interval: .seconds(2)) }
        let origin = ContinuousClock.now
        let scheduler = ProbeScheduler(origin: origin, executor: TestExecutor.shared)
        let log = ResultLog(scheduler.results)
        await scheduler.setTargets(targets)
        #expect(await log.wait(atMost: .seconds(8)) { $0.count >= 4 })
        await scheduler.stop()
        let first = Array(log.all.prefix(4))
        #expect(first.map(\.target) == targets)
        for (index, result) in first.enumerated() {
            // Target i is due at i * 2 s / 4 after setTargets, not before.
            #expect(result.at.sinceOrigin >= .milliseconds(500 * index), "\(index): \(result.at)")
            #expect(result.outcome.isPass && result.full)
        }
    }

    @Test func runsComeOneIntervalApartAndStopEndsTheStream() async throws {
        let listener = try await TestListeners.silentTCP()
        defer { listener.close(promise: nil) }
        let probe = target(.connect, loopback(listener.boundPort), interval: .milliseconds(300))
        let scheduler = ProbeScheduler(origin: .now, executor: TestExecutor.shared)
        let log = ResultLog(scheduler.results)
        await scheduler.setTargets([probe])
        try await Task.sleep(for: .milliseconds(1500))
        // Runs at 0, 0.3, ... 1.5 s at most: never more (a sleep never ends early).
        let runs = log.all.count
        #expect(runs <= 6, "\(runs) runs in 1.5 s")
        #expect(await log.wait(atMost: .seconds(10)) { $0.count >= 2 })
        await scheduler.stop()
        #expect(await log.wait(atMost: .seconds(10)) { _ in log.streamFinished })
    }

    @Test func setTargetsKeepsTheScheduleOfATargetStillNamed() async throws {
        let listener = try await TestListeners.silentTCP()
        defer { listener.close(promise: nil) }
        let kept = target(.connect, loopback(listener.boundPort), interval: .seconds(3))
        let added = target(
            .tcpExchange(ExchangeCheck(send: [], expect: nil)), loopback(listener.boundPort), interval: .seconds(1),
            timeout: .milliseconds(200))
        let scheduler = ProbeScheduler(origin: .now, executor: TestExecutor.shared)
        let log = ResultLog(scheduler.results)
        await scheduler.setTargets([kept])
        #expect(await log.wait(atMost: .seconds(10)) { $0.count == 1 })
        await scheduler.setTargets([kept, added])
        await scheduler.setTargets([added, kept])
        #expect(await log.wait(atMost: .seconds(10)) { results in results.contains { $0.target == added } })
        #expect(await log.wait(atMost: .seconds(10)) { _ in log.of(kept).count >= 2 })
        // The kept target's second run started 3 s after its first, reloads or not; so it
        // ended at least 3 s minus the first run's length (a loopback connect) after it.
        let keptResults = log.of(kept)
        if keptResults.count >= 2 {
            #expect(keptResults[1].at - keptResults[0].at >= .milliseconds(1500), "\(keptResults.map(\.at))")
        }
        // Removed: no more runs of it (it would have run again within 3 s).
        await scheduler.setTargets([added])
        let keptRuns = log.of(kept).count
        try await Task.sleep(for: .milliseconds(3500))
        #expect(log.of(kept).count == keptRuns)
        #expect(log.of(added).count >= 2)
        await scheduler.stop()
    }

    @Test func connectMostlyRunsTheFullCheckEveryNthRun() async throws {
        let server = try await TestListeners.http()
        defer { server.close(promise: nil) }
        let kind = CheckKind.connectMostly(every: 2, connectTimeout: .seconds(1), full: .http(HTTPCheck()))
        let probe = target(kind, loopback(server.boundPort), interval: .milliseconds(100))
        let scheduler = ProbeScheduler(origin: .now, executor: TestExecutor.shared)
        let log = ResultLog(scheduler.results)
        await scheduler.setTargets([probe])
        #expect(await log.wait(atMost: .seconds(30)) { $0.count >= 7 })
        await scheduler.stop()
        // Full first, then two connects before each full one.
        #expect(log.all.prefix(7).map(\.full) == [true, false, false, true, false, false, true])
        #expect(
            log.all.prefix(7).map(\.outcome).map(\.description) == [
                "HTTP 200", "connected", "connected", "HTTP 200", "connected", "connected", "HTTP 200",
            ])
    }

    /// Stop does not wait for the runs still waiting for a slot: with one slot, held by a
    /// connect that hangs to its 6 s timeout, and 19 more targets queued behind it, stop
    /// ends with the run in flight, not after 20 runs of 6 s one after another. A run that
    /// reached its timeout before stop would be reported: the timeout is long enough for
    /// a loaded host to wake this test from its 1.2 s sleep seconds late.
    @Test func stopDoesNotRunTheTargetsWaitingForASlot() async throws {
        let blackHole = try FullBacklogListener()
        defer { blackHole.close() }
        let endpoint = loopback(blackHole.port)
        // Distinct targets on one endpoint: their timeouts differ by a millisecond.
        let targets = (0..<20).map { index in
            target(.connect, endpoint, interval: .seconds(1), timeout: .milliseconds(6000 + index))
        }
        let scheduler = ProbeScheduler(
            origin: .now, prober: Prober(slots: ProbeSlots(capacity: 1)), executor: TestExecutor.shared)
        let log = ResultLog(scheduler.results)
        await scheduler.setTargets(targets)
        try await Task.sleep(for: .milliseconds(1200))
        let (_, took) = await elapsed { await scheduler.stop() }
        #expect(took < .seconds(15), "stop took \(took)")
        // Nothing ran to its end before stop, and a run ended by stop is not reported.
        #expect(log.all.isEmpty, "\(log.all.count) runs reported")
    }

    /// A thousand real servers (1,000 loopback addresses) behind one listener: every one
    /// is run and reported within two intervals, all on the prober's one event loop thread. The
    /// interval is 8 s (125 connects a second) because this runs on a debug build of NIO,
    /// whose assertions cost it about 1.5 ms of CPU per connect, on a machine shared with
    /// other work; a release build carries many times the rate.
    @Test func aThousandTargetsOnOneListenerAllReportWithinTwoIntervals() async throws {
        let listener = try KernelOnlyListener()
        let interval = Duration.seconds(8)
        let targets = (0..<1000).map { index in
            let address = IPAddress.v4(IPv4Address(0x7f01_0000 + UInt32(index)))  // 127.1.0.0 up
            return target(
                .connect, RealServerID(address: address, port: listener.port), interval: interval, timeout: .seconds(5))
        }
        let scheduler = ProbeScheduler(origin: .now, executor: TestExecutor.shared)
        let log = ResultLog(scheduler.results)
        let (allReported, took) = await elapsed {
            await scheduler.setTargets(targets)
            return await log.wait(atMost: interval * 5) { Set($0.map(\.target)).count == targets.count }
        }
        await scheduler.stop()
        #expect(allReported)
        #expect(took < interval * 2, "took \(took)")
        // Every run connected, or (on a machine too busy for a debug NIO to keep up) hit its
        // deadline: nothing else can go wrong against a listening loopback port.
        let failures = log.all.filter { !$0.outcome.isPass }.map(\.outcome)
        #expect(failures.allSatisfy { $0 == .failed(.connectTimeout(after: .seconds(5))) }, "\(Set(failures))")
    }
}
