/// One finished run of a probe, as the prober reports it to the daemon.
public struct ProbeResult: Hashable, Sendable {
    public var target: ProbeTarget
    public var outcome: ProbeOutcome
    /// When the run ended, on the daemon's clock.
    public var at: HealthInstant
    /// For `connectMostly`: whether this run was the full check (false: a plain connect).
    /// Always true for the other kinds.
    public var full: Bool
    /// How long the run took, from its start to its outcome; nil when not measured.
    public var duration: Duration?

    public init(
        target: ProbeTarget, outcome: ProbeOutcome, at: HealthInstant, full: Bool = true, duration: Duration? = nil
    ) {
        self.target = target
        self.outcome = outcome
        self.at = at
        self.full = full
        self.duration = duration
    }
}

/// What the daemon needs of the prober: it names the targets to probe, and reads results.
/// The real one (swift-nio) lives apart from this pure core; tests use a scripted one.
///
/// - `setTargets` replaces the whole set: a target still named keeps its schedule (no
///   extra run, no gap), a new one is started on the spread-out schedule of
///   `StartSchedule`, one no longer named is stopped (a run of it in flight may still
///   report; `HealthStates.record` ignores it).
/// - A target never has two runs at once: the next run starts one interval after the
///   start of the last, or when the last ends if it took longer.
public protocol ProbeRunning: Sendable {
    func setTargets(_ targets: [ProbeTarget]) async
    /// Every result, in the order the runs ended. One reader.
    var results: AsyncStream<ProbeResult> { get }
    /// Stops every probe; the results stream then finishes.
    func stop() async
}
