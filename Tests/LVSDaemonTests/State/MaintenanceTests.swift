import Foundation
import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

@Suite struct MaintenanceTests {
    @Test func maintenanceDrainsAndHealthNeverOverridesIt() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        _ = try bench.director.setMaintenance(.server(server(11)), on: true)
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 0)
        bench.feed(pass, 5, to: 11)
        bench.director.reconcile(cause: .health)
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 0)
        _ = try bench.director.setMaintenance(.server(server(11)), on: false)
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 2)
    }

    @Test func anEntryThatCoversNoConfiguredServerIsRefused() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        #expect(throws: TextError.self) { try bench.director.setMaintenance(.host(v4(10, 0, 0, 21)), on: true) }
        #expect(throws: TextError.self) { try bench.director.setMaintenance(.host(v4(10, 0, 0, 11)), on: false) }
        #expect(bench.kernel.batches.isEmpty)
        #expect(bench.director.maintenance.entries.isEmpty)
    }

    @Test func controlWordsReadAsOnTheCommandLine() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        let reply = bench.director.answer(["maintenance", "on", "10.0.0.12:80", "-t", "10.0.0.100:80"])
        #expect(reply.succeeded)
        #expect(bench.director.maintenance.entries == [.serverOfService(server(12), web)])
        #expect(!bench.director.answer(["maintenance", "on", "10.0.0.12:80", "-t", "10.0.0.100"]).succeeded)
        #expect(!bench.director.answer(["maintenance", "sideways", "10.0.0.12"]).succeeded)
        let status = bench.director.answer(["status"]).text
        #expect(status.contains("10.0.0.12:80  0       unknown,maintenance"))
        #expect(status.split(separator: "\n").count == 4)  // header, two servers, the sorry server
    }

    @Test func maintenanceAndAKnownDeadServerSurviveARestart() throws {
        let directory = try TemporaryDirectory()
        let file = StateFile(path: directory.path + "/state")
        let bench = Bench(table: healthyTable(try config(webConfig)), stateFile: file)
        try bench.director.start()
        _ = try bench.director.setMaintenance(.host(v4(10, 0, 0, 12)), on: true)
        bench.feed(timeout, 3, to: 11)
        bench.director.reconcile(cause: .health)
        bench.director.stop()
        let table = bench.kernel.table

        // A new lvsadmd on the same kernel: the table it finds is what the last one left.
        let restarted = Bench(table: table, stateFile: file)
        #expect(try restarted.director.start() == nil)
        #expect(restarted.director.maintenance.entries == [.host(v4(10, 0, 0, 12))])
        #expect(restarted.director.health[restarted.target(11)]?.state == .down)
        // Without the state file, 10.0.0.11 (found at weight 0, as-found) would be unknown.
        let forgetful = Bench(table: table)
        try forgetful.director.start()
        #expect(forgetful.director.health[forgetful.target(11)]?.state == .unknown)
        #expect(forgetful.director.maintenance.entries.isEmpty)
    }

    /// A transition is saved with the write its burst makes, not on its own: a save
    /// writes every target's state, so thousands of transitions in a burst must not each
    /// rewrite the file.
    @Test func theStateFileIsSavedWithTheWriteNotAtEachTransition() throws {
        let directory = try TemporaryDirectory()
        let file = StateFile(path: directory.path + "/state")
        let bench = Bench(table: healthyTable(try config(webConfig)), stateFile: file)
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.feed(timeout, 3, to: 12)
        #expect(bench.director.hasPendingChanges)
        #expect(try file.load() == nil)
        bench.director.reconcile(cause: .health)
        let text = try #require(try file.load())
        #expect(text.contains("health down connect 10.0.0.11:80\n"))
        #expect(text.contains("health down connect 10.0.0.12:80\n"))
    }

    @Test func aServerKnownDeadIsNotPutBackWhenTheKernelLostTheService() throws {
        let directory = try TemporaryDirectory()
        let file = StateFile(path: directory.path + "/state")
        let bench = Bench(table: healthyTable(try config(webConfig)), stateFile: file)
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.director.reconcile(cause: .health)
        // A reboot: the kernel's table is empty, the state file is not.
        let restarted = Bench(table: IPVSTable(), stateFile: file)
        try restarted.director.start()
        #expect(restarted.kernel.table.weight(of: server(11), in: web) == 0)
    }
}

/// A directory under the system's temporary directory, removed when the test ends.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "lvsadmd-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
