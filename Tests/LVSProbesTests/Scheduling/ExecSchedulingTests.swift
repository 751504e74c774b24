import LVSHealth
import Testing

@testable import LVSProbes

/// An exec target runs one copy of its program at a time, even when a run takes longer
/// than the interval, and even when a reload drops and re-adds the target mid-run. The
/// program takes a lock (mkdir is atomic) and exits 3 if it is already taken, so any
/// overlap shows as a failed run.
@Suite(.onTestExecutor) struct ExecSchedulingTests {
    static let lockedScript = #"mkdir "$1/lock" || exit 3; sleep 0.3; rmdir "$1/lock""#

    func lockedTarget(_ directory: TemporaryDirectory) -> ProbeTarget {
        let kind = CheckKind.exec(
            ExecCheck(program: "/bin/sh", arguments: ["-c", Self.lockedScript, "sh", directory.path]))
        return target(kind, loopback(1), interval: .milliseconds(50), timeout: .seconds(5))
    }

    @Test func runsLongerThanTheIntervalNeverOverlap() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let probe = lockedTarget(directory)
        let scheduler = ProbeScheduler(origin: .now, executor: TestExecutor.shared)
        let log = ResultLog(scheduler.results)
        await scheduler.setTargets([probe])
        #expect(await log.wait(atMost: .seconds(15)) { $0.count >= 4 })
        await scheduler.stop()
        #expect(log.all.allSatisfy { $0.outcome == .passed("exit status 0") }, "\(log.all.map(\.outcome))")
    }

    @Test func aTargetReaddedMidRunWaitsForItsLastRun() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let probe = lockedTarget(directory)
        let scheduler = ProbeScheduler(origin: .now, executor: TestExecutor.shared)
        let log = ResultLog(scheduler.results)
        await scheduler.setTargets([probe])
        try await Task.sleep(for: .milliseconds(100))  // the first run is in its sleep
        await scheduler.setTargets([])
        await scheduler.setTargets([probe])
        #expect(await log.wait(atMost: .seconds(15)) { $0.count >= 2 })
        await scheduler.stop()
        #expect(log.all.allSatisfy { $0.outcome == .passed("exit status 0") }, "\(log.all.map(\.outcome))")
    }
}
