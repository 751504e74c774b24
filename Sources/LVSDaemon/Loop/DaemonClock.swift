import LVSHealth

/// The daemon's clock: `HealthInstant`s measured from when lvsadmd started, on the
/// monotonic clock (a wall-clock step must not fire or delay a transition). The prober
/// stamps its results with the same clock.
public struct DaemonClock: Sendable {
    public let origin: ContinuousClock.Instant

    public init(origin: ContinuousClock.Instant = .now) { self.origin = origin }

    public func now() -> HealthInstant { HealthInstant(sinceOrigin: ContinuousClock.now - origin) }
}
