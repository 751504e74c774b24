import LVSHealth

/// The runs of one target, one after another: the first at the time `StartSchedule` gave
/// it, each later one an interval after the start of the last, or as soon as the last
/// ends if it took longer than an interval (so runs of a target never overlap, and a slow
/// target is checked as often as it can be, without a backlog of missed runs).
struct TargetLoop: Sendable {
    let target: ProbeTarget
    let prober: Prober
    let clock: HealthClock
    let sink: AsyncStream<ProbeResult>.Continuation

    /// Runs until cancelled; a run in flight at cancellation finishes, unreported.
    func run(firstRunAt first: HealthInstant) async {
        var next = first
        // For connectMostly: TargetHealth keeps the rule of when a run is full; the loop
        // keeps its own copy, as only the runs (not the daemon's states) decide it.
        var cadence = TargetHealth(initial: .asFound, at: .origin)
        while !Task.isCancelled {
            do {
                try await clock.sleep(until: next)
            } catch {
                return
            }
            let started = clock.now
            let plan = RunPlan(for: target, cadence: cadence)
            let outcome = await prober.run(plan.kind, at: target.endpoint, timeout: plan.timeout)
            if Task.isCancelled { return }
            cadence.noteRun(full: plan.full, passed: outcome.isPass)
            let ended = clock.now
            sink.yield(
                ProbeResult(target: target, outcome: outcome, at: ended, full: plan.full, duration: ended - started))
            next = max(started + target.timing.interval, ended)
        }
    }
}

/// What one run of a target does: for `connectMostly`, a connect (bounded by its
/// `connectTimeout`) or the full check (bounded by the check's timeout), as the cadence
/// says; for the other kinds, the check itself.
struct RunPlan: Equatable {
    var kind: CheckKind
    var timeout: Duration
    var full: Bool

    init(for target: ProbeTarget, cadence: TargetHealth) {
        guard case .connectMostly(let every, let connectTimeout, let fullKind) = target.kind else {
            self.init(kind: target.kind, timeout: target.timing.timeout, full: true)
            return
        }
        if cadence.nextRunIsFull(every: every) {
            self.init(kind: fullKind, timeout: target.timing.timeout, full: true)
        } else {
            self.init(kind: .connect, timeout: connectTimeout, full: false)
        }
    }

    init(kind: CheckKind, timeout: Duration, full: Bool) {
        self.kind = kind
        self.timeout = timeout
        self.full = full
    }
}
