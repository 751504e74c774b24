/// When a check runs and how many results it takes to change its state.
///
/// Flap damping comes from here, not from the writer: a state changes only after `rise`
/// passes or `fall` failures in a row, and never sooner than `hold` after the last change.
/// A server that alternates pass and fail therefore produces no transition at all once
/// `rise` and `fall` are above 1, and with `hold` at most one transition per `hold`; the
/// desired table changes only on a transition, so the kernel is written at most as often.
public struct CheckTiming: Hashable, Sendable {
    /// From the start of one run to the start of the next.
    public var interval: Duration
    /// Bounds each run as a whole: connect, TLS, request and reply together.
    public var timeout: Duration
    /// Passes in a row that bring a server that is down (or not yet known) up.
    public var rise: Int
    /// Failures in a row that bring a server that is up (or not yet known) down.
    public var fall: Int
    /// The shortest time a state is kept before the next transition; zero for none.
    public var hold: Duration

    public init(
        interval: Duration = .seconds(5), timeout: Duration = .seconds(3), rise: Int = 2, fall: Int = 3,
        hold: Duration = .zero
    ) {
        self.interval = interval
        self.timeout = timeout
        self.rise = rise
        self.fall = fall
        self.hold = hold
    }
}

/// What a real server's health is before its check has decided.
public enum InitialHealth: String, Hashable, Sendable, CaseIterable {
    /// Healthy until `fall` failures say otherwise.
    case up
    /// Unhealthy until `rise` passes (nothing gets traffic before its first checks).
    case down
    /// As the kernel's table had it when lvsadmd found it: up if it was there with a weight
    /// above 0. A restarted lvsadmd thus changes nothing until a check decides.
    case asFound = "as-found"
}
