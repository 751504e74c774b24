import Foundation
import IPVSKit
import LVSConfig
import LVSDaemon
import LVSHealth
import Synchronization
import Testing

/// The whole loop: DaemonService with the scripted prober, the kernel stand-in, a real
/// control socket and a notify socket, driven as systemd and an operator would.
final class LoopBench: Sendable {
    let kernel: KernelStandIn
    let prober = ScriptedProber()
    let log = LogCapture()
    let gate = Gate()
    let configText: SharedText
    let directory: TemporaryDirectory
    let notify: DatagramListener
    let service: DaemonService
    /// The daemon's clock: results are stamped on it, as the prober stamps them.
    let clock = DaemonClock()
    var socketPath: String { directory.path + "/control.sock" }

    init(config text: String, table: IPVSTable) throws {
        kernel = KernelStandIn(table)
        configText = SharedText(text)
        directory = try TemporaryDirectory()
        notify = try DatagramListener(path: directory.path + "/notify")
        let configText = self.configText
        let settings = DaemonSettings(
            readConfiguration: { try ConfigReader(resolver: NumericOnly()).read(configText.value, file: "test.conf") },
            stateFile: StateFile(path: directory.path + "/state"), socketPath: directory.path + "/control.sock",
            driftInterval: .seconds(3600))
        let kernel = self.kernel
        let gate = self.gate
        let notifyPath = notify.path
        service = DaemonService(
            settings: settings, makeClient: { kernel.client }, prober: prober, logger: log.logger,
            notifier: SystemdNotifier(environment: { $0 == "NOTIFY_SOCKET" ? notifyPath : nil }), clock: clock,
            trapsHangup: false, settleWait: { _ in await gate.wait() })
    }

    /// `lvsadmd ctl WORDS`, on a thread of its own: the client blocks on its socket.
    func control(_ words: [String]) async throws -> ControlReply {
        let path = socketPath
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    continuation.resume(returning: try ControlClient.send(words, to: path, timeoutSeconds: 120))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    func transitionLines() -> [String] { log.lines.filter { $0.contains("(connect check)") } }
}

/// The configuration file's text, which a test changes before a reload.
final class SharedText: Sendable {
    private let text: Mutex<String>
    init(_ text: String) { self.text = Mutex(text) }
    var value: String {
        get { text.withLock { $0 } }
        set { text.withLock { $0 = newValue } }
    }
}

@Suite struct DaemonLoopTests {
    @Test func aBurstOfTransitionsIsOneWriteBatch() async throws {
        let bench = try LoopBench(config: webConfig, table: healthyTable(try config(webConfig)))
        let running = Task { try await bench.service.run() }
        await eventually { bench.notify.messages().contains { $0.hasPrefix("READY=1") } }
        #expect(bench.kernel.batches.isEmpty)
        let targets = try #require(bench.prober.targetSets.first)
        #expect(targets.map(\.endpoint) == [server(11), server(12)])

        // Both servers fail at once: six results, two transitions, then the settle ends.
        for target in targets + targets + targets {
            bench.prober.emit(ProbeResult(target: target, outcome: timeout, at: bench.clock.now()))
        }
        await eventually { bench.transitionLines().count == 2 }
        #expect(bench.transitionLines().count == 2)
        #expect(bench.kernel.batches.isEmpty)
        bench.gate.open()
        await eventually { !bench.kernel.batches.isEmpty }
        #expect(bench.kernel.batches.count == 1)
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 0)
        #expect(bench.kernel.table.weight(of: server(12), in: web) == 0)
        #expect(bench.kernel.table.has(server(99), in: web))

        bench.service.shutDown()
        try await running.value
        #expect(bench.notify.messages().last == "STOPPING=1")
        #expect(bench.kernel.batches.count == 1)
    }

    @Test func controlSocketStatusMaintenanceAndReload() async throws {
        let bench = try LoopBench(config: webConfig, table: healthyTable(try config(webConfig)))
        let running = Task { try await bench.service.run() }
        await eventually { bench.notify.messages().contains { $0.hasPrefix("READY=1") } }

        let status = try await bench.control(["status"])
        #expect(status.succeeded)
        #expect(status.text.hasPrefix("SERVICE "))

        let drained = try await bench.control(["maintenance", "on", "10.0.0.11"])
        #expect(drained.succeeded)
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 0)
        let typo = try await bench.control(["maintenance", "on", "10.0.0.77"])
        #expect(!typo.succeeded)
        #expect(typo.text == "no configured real server is 10.0.0.77\n")

        // A file with an error: refused with its line, the running configuration stays.
        bench.configText.value = webConfig + "bogus\n"
        let refused = try await bench.control(["reload"])
        #expect(!refused.succeeded)
        #expect(refused.text.contains("test.conf:7: unknown line 'bogus'"))
        #expect(bench.log.lines.contains { $0.hasPrefix("error:   test.conf:7: unknown line 'bogus'") })
        #expect(bench.prober.targetSets.count == 1)

        bench.configText.value = webConfig + mailLines
        let reloaded = try await bench.control(["reload"])
        #expect(reloaded.succeeded)
        #expect(bench.kernel.table.service(mail) != nil)
        #expect(bench.prober.targetSets.last?.count == 3)
        #expect(bench.notify.messages().contains { $0.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") })

        bench.service.shutDown()
        try await running.value
        // The socket file goes with the daemon.
        #expect(!FileManager.default.fileExists(atPath: bench.socketPath))
    }
}
