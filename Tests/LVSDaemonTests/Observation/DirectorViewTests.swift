import IPVSKit
import LVSDaemon
import LVSHealth
import XCTest

/// `Director.view()`: the kernel's table read afresh with its counters, and lvsadmd's view
/// of each managed real server and check, as /metrics and the status page show them.
final class DirectorViewTests: XCTestCase {
    func testAFailedServerIsDownAtWeightZeroWithItsFailuresCounted() throws {
        let bench = Bench(table: IPVSTable())
        let configuration = try config(webConfig)
        bench.kernel.edit { $0 = healthyTable(configuration) }
        try bench.director.start()
        bench.feed(pass, 2, to: 11)
        let refused = ProbeOutcome.failed(.connectionRefused)
        for _ in 0..<3 {
            bench.clock = bench.clock + .seconds(1)
            bench.director.record(
                ProbeResult(target: bench.target(12), outcome: refused, at: bench.clock, duration: .milliseconds(2)))
        }
        bench.director.reconcile(cause: .health)
        var statistics = Statistics()
        statistics.inBytes = UInt64.max
        bench.kernel.client.servicesTable[0].statistics = statistics

        let view = try XCTUnwrap(bench.director.view())
        XCTAssertEqual(view.listed.first { $0.entry.service.id == web }?.entry.statistics.inBytes, UInt64.max)
        XCTAssertTrue(view.listed.contains { $0.entry.service.id == unmanaged.service.id })
        let failed = try XCTUnwrap(view.managed(server(12), of: web))
        XCTAssertEqual(failed.health, .down)
        XCTAssertFalse(failed.healthy)
        XCTAssertEqual(failed.wantedWeight, 0)
        XCTAssertEqual(failed.configuredWeight, 1)
        XCTAssertEqual(failed.source, "connect")
        XCTAssertEqual(view.managed(server(11), of: web)?.health, .up)
        XCTAssertEqual(view.managed(server(99), of: web)?.health, .sorry)
        let check = try XCTUnwrap(view.checks.first { $0.target == bench.target(12) })
        XCTAssertEqual(check.state, .down)
        XCTAssertEqual(check.record.failures, ["connection_refused": 3])
        XCTAssertEqual(check.record.timedRuns, 3)
        XCTAssertEqual(check.record.latencySum, .milliseconds(6))
        XCTAssertEqual(view.counters.transitions, 2)
        XCTAssertGreaterThanOrEqual(view.counters.tableWrites, 1)
    }

    func testAnUnreadableKernelGivesNoViewAndIsCounted() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.kernel.client.readErrors[.listServices] = 1
        XCTAssertNil(bench.director.view())
        XCTAssertEqual(bench.director.counters.failedReads, 1)
        XCTAssertFalse(bench.director.counters.lastReadSucceeded)
    }
}
