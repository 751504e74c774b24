import LVSHealth

/// What the runs of one check have done since lvsadmd started (or since the check was
/// configured): the last result, a latency histogram and the failures by kind. /metrics
/// and the status page show it; nothing decides on it.
public struct CheckRecord: Hashable, Sendable {
    /// Upper bounds of the latency buckets, in seconds: from a local connect (well under
    /// a millisecond) to the longest timeout a check is usually given.
    public static let latencyBounds: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    public private(set) var runs: UInt64 = 0
    /// Runs per bucket of `latencyBounds` (not cumulative); the last element counts the
    /// runs slower than every bound.
    public private(set) var latencyCounts = [UInt64](repeating: 0, count: latencyBounds.count + 1)
    public private(set) var latencySum: Duration = .zero
    /// Runs whose duration was measured (the histogram's count).
    public private(set) var timedRuns: UInt64 = 0
    /// Failed runs by `ProbeFailure.reasonName`.
    public private(set) var failures: [String: UInt64] = [:]
    public private(set) var last: ProbeResult?

    public init() {}

    public mutating func record(_ result: ProbeResult) {
        runs &+= 1
        last = result
        if case .failed(let failure) = result.outcome { failures[failure.reasonName, default: 0] &+= 1 }
        guard let duration = result.duration else { return }
        timedRuns &+= 1
        latencySum += duration
        let bucket = Self.latencyBounds.firstIndex { duration <= $0 } ?? Self.latencyBounds.count
        latencyCounts[bucket] &+= 1
    }
}

/// The record of every configured check.
public struct CheckRecords: Hashable, Sendable {
    public private(set) var byTarget: [ProbeTarget: CheckRecord] = [:]

    public init() {}

    public subscript(target: ProbeTarget) -> CheckRecord? { byTarget[target] }

    public mutating func record(_ result: ProbeResult) {
        byTarget[result.target, default: CheckRecord()].record(result)
    }

    /// After a reload: the checks still configured keep their records, the others go (a
    /// series per removed check would stay in /metrics for ever).
    public mutating func keep(only targets: [ProbeTarget]) {
        let kept = Set(targets)
        byTarget = byTarget.filter { kept.contains($0.key) }
    }
}
