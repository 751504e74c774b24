/// The state of every probe target, keyed by target (not by service and server: one state
/// serves every real server that names the target).
public struct HealthStates: Hashable, Sendable {
    public private(set) var byTarget: [ProbeTarget: TargetHealth]

    /// Each target in its initial state.
    public init(targets: some Sequence<ProbeTarget>, at now: HealthInstant) {
        byTarget = [:]
        for target in targets where byTarget[target] == nil {
            byTarget[target] = TargetHealth(initial: target.initial, at: now)
        }
    }

    public init(byTarget: [ProbeTarget: TargetHealth]) { self.byTarget = byTarget }

    public subscript(target: ProbeTarget) -> TargetHealth? { byTarget[target] }

    /// The states after a reload to `targets`: a target that is still there keeps its
    /// state, counts and time (so no transition is made or logged for it), a new one
    /// starts in its initial state, and one no longer named is dropped. A check whose
    /// settings changed is a new target: it starts over.
    public func carried(to targets: some Sequence<ProbeTarget>, at now: HealthInstant) -> HealthStates {
        var next: [ProbeTarget: TargetHealth] = [:]
        for target in targets where next[target] == nil {
            next[target] = byTarget[target] ?? TargetHealth(initial: target.initial, at: now)
        }
        return HealthStates(byTarget: next)
    }

    /// Takes one run's outcome for `target`; a target not (or no longer) known is ignored,
    /// as a run that ends after a reload dropped its target must be.
    public mutating func record(_ outcome: ProbeOutcome, for target: ProbeTarget, at now: HealthInstant)
        -> HealthTransition?
    {
        guard var health = byTarget[target] else { return nil }
        defer { byTarget[target] = health }
        return health.record(outcome, for: target, at: now)
    }
}
