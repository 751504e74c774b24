/// Lateness samples from several clocks (each event loop's sampler, the connect reactor)
/// made into one observation for `AdmissionLimit`: a round ends when every source that has
/// ever reported has reported again, and its lateness is the worst any of them saw.
///
/// Probes share one set of slots, so the limit has to follow the slowest place their
/// outcomes are seen. Taken one sample at a time, an on-time reactor reporting ten times a
/// second would grow the limit while the event loop that runs HTTP checks is seconds late,
/// its sampler held up with everything else on it (the health bench, at 12,000 real
/// servers of which 2,000 are checked by HTTP, then has over a thousand healthy ones
/// marked down, "no reply within 10.0 s"). A round waits for the late clock, so it cuts
/// the limit and lets nothing grow it meanwhile; and one observation per round keeps
/// growth at one step per sampling interval however many sources there are.
struct LatenessRounds: Equatable {
    /// Every source that has reported at least once.
    private var sources: Set<Int> = []
    /// The worst lateness each has reported in the round so far.
    private var worst: [Int: Duration] = [:]

    /// Takes a sample from `source`; returns the round's lateness when this ends it.
    mutating func note(_ lateness: Duration, from source: Int) -> Duration? {
        sources.insert(source)
        worst[source] = max(worst[source] ?? .zero, lateness)
        guard worst.count == sources.count else { return nil }
        defer { worst = [:] }
        return worst.values.max()
    }
}
