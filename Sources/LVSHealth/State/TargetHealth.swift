/// The state machine of one probe target: results in, transitions out.
///
/// - `rise` passes in a row take it up, `fall` failures in a row take it down, from any
///   state including `unknown`; a result of the other kind resets the count.
/// - A transition is due only once `hold` has passed since the last one (or, for the
///   first, since the target was made): the count keeps growing meanwhile, and the first
///   result after the hold that still satisfies it makes the transition (see `CheckTiming`
///   for why this is the flap damping).
/// - The state starts as the target's `initial` setting says (`as-found` is `unknown`).
public struct TargetHealth: Hashable, Sendable {
    public private(set) var state: HealthState
    public private(set) var passesInARow = 0
    public private(set) var failuresInARow = 0
    /// When the state last changed (or the target was created).
    public private(set) var since: HealthInstant
    public private(set) var lastOutcome: ProbeOutcome?
    /// For `connectMostly`: passing connects since the last full run; nil makes the next
    /// run full (at start, and after a failed connect).
    public private(set) var connectsSinceFull: Int?

    public init(initial: InitialHealth, at now: HealthInstant) {
        switch initial {
        case .up: state = .up
        case .down: state = .down
        case .asFound: state = .unknown
        }
        since = now
    }

    /// For a state file: a state as it was saved.
    public init(state: HealthState, since: HealthInstant) {
        self.state = state
        self.since = since
    }

    /// Takes one run's outcome; returns the transition it completes, if any.
    public mutating func record(_ outcome: ProbeOutcome, for target: ProbeTarget, at now: HealthInstant)
        -> HealthTransition?
    {
        lastOutcome = outcome
        let timing = target.timing
        let wanted: HealthState
        let count: Int
        if outcome.isPass {
            passesInARow += 1
            failuresInARow = 0
            wanted = .up
            count = passesInARow
            guard passesInARow >= timing.rise else { return nil }
        } else {
            failuresInARow += 1
            passesInARow = 0
            wanted = .down
            count = failuresInARow
            guard failuresInARow >= timing.fall else { return nil }
        }
        guard wanted != state, now - since >= timing.hold else { return nil }
        let noun = outcome.isPass ? (count == 1 ? "pass" : "passes") : (count == 1 ? "failure" : "failures")
        let transition = HealthTransition(
            target: target, from: state, to: wanted, at: now, reason: "\(outcome) (\(count) \(noun) in a row)")
        state = wanted
        since = now
        return transition
    }

    /// For `connectMostly`: whether the next run is the full check rather than a connect.
    public func nextRunIsFull(every: Int) -> Bool {
        guard let connects = connectsSinceFull else { return true }
        return connects >= every
    }

    /// For `connectMostly`: records which kind of run just ended, before `record`.
    public mutating func noteRun(full: Bool, passed: Bool) {
        if !passed {
            connectsSinceFull = nil
        } else if full {
            connectsSinceFull = 0
        } else {
            connectsSinceFull = (connectsSinceFull ?? 0) + 1
        }
    }
}
