import IPVSKit
import LVSCommandLine
import LVSConfig
import LVSHealth
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// lvsadmd as a ServiceLifecycle service: start, then one loop over `DaemonEvent`s until a
/// graceful shutdown (SIGTERM, SIGINT: the ServiceGroup's signals), then stop.
///
/// The director lives in `run` and only the loop touches it; everything else (probe
/// results, SIGHUP, timers, the control socket) only adds events. A burst of health changes
/// makes one write: the first change starts the settle wait, the changes recorded during it
/// join the same plan.
public final class DaemonService: Service, Sendable {
    let settings: DaemonSettings
    let makeClient: @Sendable () throws -> any IPVSClient
    let prober: any ProbeRunning
    let logger: Logger
    let notifier: SystemdNotifier
    let clock: DaemonClock
    let trapsHangup: Bool
    /// Waits the settle time; tests replace it with a gate they open.
    let settleWait: @Sendable (Duration) async -> Void
    let events: AsyncStream<DaemonEvent>
    let continuation: AsyncStream<DaemonEvent>.Continuation
    /// Set at shutdown: the events still buffered are then answered or dropped, not acted
    /// on. A director behind on thousands of probe results must not work through them
    /// all before it stops; their health would be checked afresh at the next start anyway.
    let stopping = Atomic<Bool>(false)

    public init(
        settings: DaemonSettings, makeClient: @escaping @Sendable () throws -> any IPVSClient, prober: any ProbeRunning,
        logger: Logger, notifier: SystemdNotifier = SystemdNotifier(), clock: DaemonClock = DaemonClock(),
        trapsHangup: Bool = true,
        settleWait: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        self.settings = settings
        self.makeClient = makeClient
        self.prober = prober
        self.logger = logger
        self.notifier = notifier
        self.clock = clock
        self.trapsHangup = trapsHangup
        self.settleWait = settleWait
        (events, continuation) = AsyncStream.makeStream(of: DaemonEvent.self)
    }

    /// Ends the loop as a graceful shutdown does (for a caller outside a ServiceGroup).
    public func shutDown() {
        stopping.store(true, ordering: .releasing)
        continuation.finish()
    }

    /// Adds an event, as a signal or the control socket does.
    public func send(_ event: DaemonEvent) { continuation.yield(event) }

    /// A control request (as the control socket takes it), answered by the loop.
    public func request(_ words: [String]) async -> ControlReply {
        await withCheckedContinuation { (waiting: CheckedContinuation<ControlReply, Never>) in
            let event = DaemonEvent.control(words, reply: { waiting.resume(returning: $0) })
            if case .terminated = continuation.yield(event) {
                waiting.resume(returning: .refused("lvsadmd is stopping"))
            }
        }
    }

    /// The director as it is now, from the loop (so it never sees a half-made change);
    /// nil when the kernel cannot be read or lvsadmd is stopping.
    public func view() async -> DirectorView? {
        await withCheckedContinuation { (waiting: CheckedContinuation<DirectorView?, Never>) in
            if case .terminated = continuation.yield(.observe(reply: { waiting.resume(returning: $0) })) {
                waiting.resume(returning: nil)
            }
        }
    }

    public func run() async throws {
        let loaded: LoadedConfiguration
        do {
            loaded = try settings.readConfiguration()
        } catch {
            for line in "\(error)".split(separator: "\n") { logger.error("\(line)") }
            throw TextError("the configuration cannot be used; the table was not touched")
        }
        for warning in loaded.warnings { logger.warning("\(warning)") }
        let command = settings.transitionProgram.map { TransitionCommand(program: $0, logger: logger) }
        let client: any IPVSClient
        do {
            client = try makeClient()
        } catch {
            throw TextError(
                "cannot reach the IPVS table: \(KernelMessages.describe(error)) (is the ip_vs module loaded?)")
        }
        let director = Director(
            configuration: loaded.configuration, client: client, stateFile: settings.stateFile,
            logger: logger, now: clock.now, onTransition: { command?.run($0, users: $1) })
        do {
            try director.start()
        } catch {
            throw TextError("reading the IPVS table: \(KernelMessages.describe(error))")
        }
        await prober.setTargets(director.targets.targets)
        // Trapped before READY=1: a SIGHUP sent as soon as systemd says started must
        // reload, not kill.
        let hangups = trapsHangup ? await UnixSignalsSequence(trapping: .sighup) : nil
        let continuation = self.continuation
        let control = try settings.socketPath.map { path throws(TextError) in
            try ControlServer(path: path) { words, reply in
                let event: DaemonEvent = words == ["reload"] ? .reload(reply: reply) : .control(words, reply: reply)
                // After the loop ended nothing would answer: say so rather than leave the
                // client waiting for its timeout.
                if case .terminated = continuation.yield(event) { reply(.refused("lvsadmd is stopping")) }
            }
        }
        defer { control?.stop() }
        notifier.ready(status: status(director))
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [prober] in
                    for await result in prober.results { continuation.yield(.probed(result)) }
                }
                if let hangups {
                    group.addTask { for await _ in hangups { continuation.yield(.reload(reply: nil)) } }
                }
                group.addTask { [settings] in
                    await Self.tick(every: settings.driftInterval) { continuation.yield(.driftCheck) }
                }
                if let interval = notifier.watchdogInterval {
                    group.addTask { await Self.tick(every: interval) { continuation.yield(.watchdog) } }
                }
                await loop(director)
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.shutDown()
        }
        notifier.stopping()
        logger.notice("stopping")
        await prober.stop()
        director.stop()
    }

    private func loop(_ director: Director) async {
        var settling = false
        for await event in events {
            if stopping.load(ordering: .acquiring) {
                Self.refuse(event)
                continue
            }
            switch event {
            case .probed(let result):
                director.record(result)
                if director.hasPendingChanges && !settling {
                    settling = true
                    Task { [settleWait, settings, continuation] in
                        await settleWait(settings.settle)
                        continuation.yield(.settled)
                    }
                }
            case .settled:
                settling = false
                if director.hasPendingChanges { director.reconcile(cause: .health) }
            case .driftCheck:
                director.reconcile(cause: director.hasPendingChanges ? .health : .drift)
            case .reload(let reply):
                let answer = await reload(director)
                reply?(answer)
            case .control(let words, let reply):
                reply(director.answer(words))
            case .watchdog:
                notifier.watchdog()
            case .observe(let reply):
                reply(director.view())
            }
        }
    }

    /// An event that arrived before the shutdown and is read after it: a request is
    /// answered (a client is not left to its timeout), the rest is dropped.
    private static func refuse(_ event: DaemonEvent) {
        switch event {
        case .reload(let reply): reply?(.refused("lvsadmd is stopping"))
        case .control(_, let reply): reply(.refused("lvsadmd is stopping"))
        case .observe(let reply): reply(nil)
        case .probed, .settled, .driftCheck, .watchdog: break
        }
    }

    /// Re-reads the file; a file with errors changes nothing (each error logged with its
    /// line), the running configuration stays.
    private func reload(_ director: Director) async -> ControlReply {
        notifier.reloading()
        defer { notifier.ready(status: status(director)) }
        let loaded: LoadedConfigurationResult
        do {
            loaded = .read(try settings.readConfiguration())
        } catch {
            loaded = .refused("\(error)")
        }
        switch loaded {
        case .refused(let text):
            logger.error("reload refused, the running configuration stays:")
            for line in text.split(separator: "\n") { logger.error("  \(line)") }
            return .refused("reload refused, the running configuration stays:\n" + text)
        case .read(let configuration):
            for warning in configuration.warnings { logger.warning("\(warning)") }
            let running = director.targets
            let write = director.reload(configuration.configuration)
            if director.targets.targets != running.targets { await prober.setTargets(director.targets.targets) }
            return .done("reloaded" + (write.map { " (\($0.requests.count) changes, \($0.failures) refused)" } ?? ""))
        }
    }

    private func status(_ director: Director) -> String {
        "\(counted(director.configuration.services.count, "service")), \(counted(director.targets.targets.count, "check"))"
    }

    private static func tick(every interval: Duration, _ action: () -> Void) async {
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            action()
        }
    }
}

private enum LoadedConfigurationResult {
    case read(LoadedConfiguration)
    case refused(String)
}
