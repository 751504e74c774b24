import LVSHealth

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
