import LVSHealth

/// A prober that runs no probe: every checked server keeps its `initial` state (or the
/// state file's), and servers without a check are always up. It stands in where no probe
/// must run (tests of the loop, and lvsadmd until the swift-nio prober is wired in).
public final class NoProbes: ProbeRunning {
    public let results: AsyncStream<ProbeResult>
    private let continuation: AsyncStream<ProbeResult>.Continuation

    public init() {
        (results, continuation) = AsyncStream.makeStream(of: ProbeResult.self)
    }

    public func setTargets(_ targets: [ProbeTarget]) async {}

    public func stop() async { continuation.finish() }
}
