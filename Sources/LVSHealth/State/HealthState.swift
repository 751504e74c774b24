/// The health of one probe target.
public enum HealthState: String, Hashable, Sendable, CustomStringConvertible {
    /// Not decided yet (the initial setting is `as-found`): each real server is taken as
    /// the kernel's table had it.
    case unknown
    case up
    case down

    public var description: String { rawValue }
}

/// A change of a target's state, with the run that caused it.
public struct HealthTransition: Hashable, Sendable, CustomStringConvertible {
    public var target: ProbeTarget
    public var from: HealthState
    public var to: HealthState
    public var at: HealthInstant
    /// The last run's outcome, and how many in a row led here: `connect timeout after
    /// 1.0 s (3 failures in a row)`.
    public var reason: String

    public init(target: ProbeTarget, from: HealthState, to: HealthState, at: HealthInstant, reason: String) {
        self.target = target
        self.from = from
        self.to = to
        self.at = at
        self.reason = reason
    }

    public var description: String { "\(target): \(from) -> \(to): \(reason)" }
}
