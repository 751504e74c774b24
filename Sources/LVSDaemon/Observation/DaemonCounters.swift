/// lvsadmd's own activity, counted since it started: what /metrics reports as its health.
public struct DaemonCounters: Hashable, Sendable {
    /// Batches of requests sent to the kernel, and the requests in them the kernel refused.
    public var tableWrites: UInt64 = 0
    public var refusedRequests: UInt64 = 0
    /// Reads of the kernel's table that failed (each leaves the table unrepaired until the
    /// next one succeeds).
    public var failedReads: UInt64 = 0
    public var reloads: UInt64 = 0
    public var transitions: UInt64 = 0
    /// Whether the last read of the kernel's table succeeded.
    public var lastReadSucceeded = true

    public init() {}
}
