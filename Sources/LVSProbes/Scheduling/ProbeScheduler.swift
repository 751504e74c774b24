import LVSHealth

/// The real `ProbeRunning`: every target's runs on one schedule, all sharing one `Prober`
/// and so one event loop group.
///
/// A target is an entry in a schedule ordered by when it is next due, not a task: one
/// driver takes the earliest due target once the prober has a slot free for it, and only
/// a run in flight is a task. A target waiting for its time, or for a slot, costs its
/// entry, where a sleeping task would cost kilobytes (Docs/lvsadmd-probes.md).
///
/// Each run of a target starts an interval after the start of its last, or as soon as the
/// last ends if it took longer than an interval, so runs of a target never overlap, and a
/// slow target is checked as often as it can be, without a backlog of missed runs.
///
/// A target removed while a run of it is in flight keeps that run going to its end (it is
/// bounded by its timeout), and its result is dropped. Named again before that run has
/// ended, its next run waits for that one, so even across reloads a target never has two
/// runs at once (an exec check never two copies of its program).
public actor ProbeScheduler: ProbeRunning {
    public nonisolated let results: AsyncStream<ProbeResult>
    private let sink: AsyncStream<ProbeResult>.Continuation
    private let prober: Prober
    private let clock: HealthClock

    private struct Entry {
        /// Changes each time the target is named anew: a schedule item or a run of an
        /// earlier naming is stale.
        var generation: Int
        var wanted = true
        var running = false
        /// Came due while its last run was still in flight: starts when that run ends.
        var dueWhenDone = false
        /// For `connectMostly`: when a run is full (the runs decide it, not the daemon's
        /// states).
        var cadence = TargetHealth(initial: .asFound, at: .origin)
    }
    private var entries: [ProbeTarget: Entry] = [:]
    private var schedule = TargetSchedule()
    private var generations = 0
    private var stopped = false

    private var driver: Task<Void, Never>?
    /// The driver's sleep until the earliest due time (nil: nothing is scheduled),
    /// cancelled when something comes due sooner.
    private var nap: (sleeper: Task<Void, Never>, until: HealthInstant?)?
    private var runs: [Int: Task<Void, Never>] = [:]
    private var runNumbers = 0

    /// Where the driver and the runs run; nil for Swift's global executor.
    private let executor: (any TaskExecutor)?

    /// - Parameters:
    ///   - origin: the daemon's clock origin: `ProbeResult.at` is measured from it.
    ///   - prober: runs the probes; one of its own (one event loop thread) by default.
    ///   - executor: a task executor for the driver and the runs, so that runs start on
    ///     time whatever else keeps the global executor's few threads busy; nil for the
    ///     global one.
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
        for (target, entry) in entries where !wanted.contains(target) && entry.wanted {
            if entry.running {
                entries[target]?.wanted = false
            } else {
                entries[target] = nil
            }
        }
        var added: [ProbeTarget] = []
        for target in targets where entries[target]?.wanted != true {
            added.append(target)
            generations += 1
            var entry = entries[target] ?? Entry(generation: generations)
            entry.generation = generations
            entry.wanted = true
            entry.dueWhenDone = false
            entry.cadence = TargetHealth(initial: .asFound, at: .origin)
            entries[target] = entry
        }
        let firstRuns = StartSchedule.firstRuns(of: added, from: clock.now)
        for target in added {
            guard let first = firstRuns[target], let entry = entries[target] else { continue }
            schedule.insert(target, generation: entry.generation, at: first)
            wake(for: first)
        }
    }

    /// Makes sure the driver runs and is not asleep past `instant`. Only a sleep that would
    /// end later is cut short: waking at every run's end would make a task each time.
    private func wake(for instant: HealthInstant) {
        if driver == nil {
            driver = Task(executorPreference: executor) { await self.drive() }
        } else if let nap, nap.until.map({ instant < $0 }) ?? true {
            nap.sleeper.cancel()
            self.nap = nil
        }
    }

    /// Starts each target's run when it is due and a slot is free, earliest first.
    private func drive() async {
        while !stopped {
            guard let next = schedule.first else {
                await sleep(until: nil)
                continue
            }
            guard isCurrent(next) else {
                schedule.removeFirst()
                continue
            }
            if next.at > clock.now {
                await sleep(until: next.at)
                continue
            }
            // The slot first: a target waits for it here, as an entry, not as a task.
            guard await prober.slots.acquire() else { return }
            // The schedule may have changed while the slot was awaited.
            guard !stopped, let item = schedule.first, item.at <= clock.now else {
                prober.slots.release()
                continue
            }
            schedule.removeFirst()
            guard isCurrent(item), var entry = entries[item.target] else {
                prober.slots.release()
                continue
            }
            guard !entry.running else {
                entries[item.target]?.dueWhenDone = true
                prober.slots.release()
                continue
            }
            entry.running = true
            let plan = RunPlan(for: item.target, cadence: entry.cadence)
            entries[item.target] = entry
            start(item.target, generation: entry.generation, plan: plan)
        }
    }

    /// Whether a schedule item is of its target's present naming.
    private func isCurrent(_ item: TargetSchedule.Item) -> Bool {
        guard let entry = entries[item.target] else { return false }
        return entry.wanted && entry.generation == item.generation
    }

    private func sleep(until instant: HealthInstant?) async {
        let clock = clock
        let sleeper = Task(executorPreference: executor) { () async -> Void in
            if let instant {
                try? await clock.sleep(until: instant)
            } else {
                try? await Task.sleep(for: .seconds(86_400))
            }
        }
        nap = (sleeper, instant)
        await sleeper.value
        nap = nil
    }

    private func start(_ target: ProbeTarget, generation: Int, plan: RunPlan) {
        runNumbers += 1
        let number = runNumbers
        let prober = prober
        let clock = clock
        runs[number] = Task(executorPreference: executor) {
            let started = clock.now
            let outcome = await prober.run(holdingSlot: plan.kind, at: target.endpoint, timeout: plan.timeout)
            let ended = clock.now
            await self.ran(
                target, generation: generation, number: number, plan: plan, outcome: outcome, started: started,
                ended: ended)
        }
    }

    private func ran(
        _ target: ProbeTarget, generation: Int, number: Int, plan: RunPlan, outcome: ProbeOutcome,
        started: HealthInstant, ended: HealthInstant
    ) {
        runs[number] = nil
        guard !stopped, var entry = entries[target] else { return }
        entry.running = false
        guard entry.wanted else {
            entries[target] = nil
            return
        }
        if entry.generation == generation {
            entry.cadence.noteRun(full: plan.full, passed: outcome.isPass)
            sink.yield(
                ProbeResult(target: target, outcome: outcome, at: ended, full: plan.full, duration: ended - started))
            let next = max(started + target.timing.interval, ended)
            schedule.insert(target, generation: generation, at: next)
            wake(for: next)
        } else if entry.dueWhenDone {
            // Named anew during this run, and its first run came due meanwhile.
            schedule.insert(target, generation: entry.generation, at: ended)
            wake(for: ended)
        }
        entry.dueWhenDone = false
        entries[target] = entry
    }

    /// Stops the driver, waits for runs in flight (each bounded by its timeout; their
    /// results are not reported), then ends the results stream and the prober.
    public func stop() async {
        guard !stopped else { return }
        stopped = true
        driver?.cancel()
        nap?.sleeper.cancel()
        let inFlight = Array(runs.values)
        for run in inFlight { run.cancel() }
        await driver?.value
        for run in inFlight { await run.value }
        entries = [:]
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
