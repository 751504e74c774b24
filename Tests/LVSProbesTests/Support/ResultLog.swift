import IPVSKit
import LVSHealth
import NIOConcurrencyHelpers

/// Every result a scheduler reports, read from its stream in the background, for tests to
/// wait on and inspect.
final class ResultLog: Sendable {
    private let results = NIOLockedValueBox<[ProbeResult]>([])
    private let finished = NIOLockedValueBox(false)

    init(_ stream: AsyncStream<ProbeResult>) {
        Task(executorPreference: TestExecutor.shared) { [results, finished] in
            for await result in stream { results.withLockedValue { $0.append(result) } }
            finished.withLockedValue { $0 = true }
        }
    }

    var all: [ProbeResult] { results.withLockedValue { $0 } }
    var streamFinished: Bool { finished.withLockedValue { $0 } }

    func of(_ target: ProbeTarget) -> [ProbeResult] { all.filter { $0.target == target } }

    /// Waits until `condition` holds of the results so far, or `limit` passes; says which.
    func wait(atMost limit: Duration, until condition: ([ProbeResult]) -> Bool) async -> Bool {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            if condition(all) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(all)
    }
}

func target(_ kind: CheckKind, _ endpoint: RealServerID, interval: Duration, timeout: Duration = .seconds(2))
    -> ProbeTarget
{
    ProbeTarget(
        kind: kind, address: endpoint.address, port: endpoint.port,
        timing: CheckTiming(interval: interval, timeout: timeout), initial: .asFound)
}
