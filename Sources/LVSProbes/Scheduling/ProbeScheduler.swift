import LVSHealth

/// The real `ProbeRunning`: one loop per target (see `TargetLoop`), all sharing one
/// `Prober` and so one event loop group.
///
/// A target removed while a run of it is in flight keeps that run going to its end (it is
/// bounded by its timeout), and its result is dropped. Named again before that run has
/// ended, its new loop first waits for the old one, so even across reloads a target never
/// has two runs at once (an exec check never two copies of its program).
public actor ProbeScheduler: ProbeRunning {
    public nonisolated let results: AsyncStream<ProbeResult>
    private let sink: AsyncStream<ProbeResult>.Continuation
    private let prober: Prober
    private let clock: HealthClock

    private struct Loop {
        var generation: Int
        var task: Task<Void, Never>
    }
    private var running: [ProbeTarget: Loop] = [:]
    /// Removed targets whose loop may still be finishing a run.
    private var ending: [ProbeTarget: Loop] = [:]
    private var generations = 0
    private var stopped = false

    /// Where the loops run (sleep, start runs, report); nil for Swift's global executor.
    private let executor: (any TaskExecutor)?

    /// - Parameters:
    ///   - origin: the daemon's clock origin: `ProbeResult.at` is measured from it.
    ///   - prober: runs the probes; one of its own (one event loop thread) by default.
    ///   - executor: a task executor for the loops, so that runs start on time whatever
    ///     else keeps the global executor's few threads busy; nil for the global one.
    public init(origin: ContinuousClock.Instant, prober: Prober = Prober(), executor: (any TaskExecutor)? = nil) {
        let stream = AsyncStream.makeStream(of: ProbeResult.self)
        results = stream.stream
        sink = stream.continuation
        self.prober = prober
        self.executor = executor
        clock = HealthClock(origin: origin)
    }

    public func setTargets(_ targets: [ProbeTarget]) {
        guard !stopped else { return }
        let wanted = Set(targets)
        for (target, loop) in running where !wanted.contains(target) {
            loop.task.cancel()
            running[target] = nil
            ending[target] = loop
        }
        var added: [ProbeTarget] = []
        var seen = Set<ProbeTarget>()
        for target in targets where running[target] == nil && seen.insert(target).inserted {
            added.append(target)
        }
        let firstRuns = StartSchedule.firstRuns(of: added, from: clock.now)
        for target in added {
            guard let first = firstRuns[target] else { continue }
            start(target, firstRunAt: first, after: ending.removeValue(forKey: target)?.task)
        }
    }

    private func start(_ target: ProbeTarget, firstRunAt first: HealthInstant, after previous: Task<Void, Never>?) {
        generations += 1
        let generation = generations
        let loop = TargetLoop(target: target, prober: prober, clock: clock, sink: sink)
        let task = Task(executorPreference: executor) {
            await previous?.value
            await loop.run(firstRunAt: first)
            await self.loopEnded(target, generation: generation)
        }
        running[target] = Loop(generation: generation, task: task)
    }

    private func loopEnded(_ target: ProbeTarget, generation: Int) {
        if ending[target]?.generation == generation { ending[target] = nil }
    }

    /// Stops every loop, waits for runs in flight (each bounded by its timeout), then ends
    /// the results stream and the prober.
    public func stop() async {
        guard !stopped else { return }
        stopped = true
        let loops = Array(running.values) + Array(ending.values)
        running = [:]
        ending = [:]
        for loop in loops { loop.task.cancel() }
        for loop in loops { await loop.task.value }
        sink.finish()
        await prober.shutdown()
    }
}

/// The daemon's clock: `HealthInstant`s from its origin, and sleeping until one.
struct HealthClock: Sendable {
    let origin: ContinuousClock.Instant

    var now: HealthInstant { HealthInstant(sinceOrigin: ContinuousClock.now - origin) }

    func sleep(until instant: HealthInstant) async throws {
        try await Task.sleep(until: origin + instant.sinceOrigin, clock: .continuous)
    }
}
