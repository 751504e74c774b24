import LVSHealth
import Synchronization

/// A prober the test drives: it records the targets it is given and sends the results the
/// test emits.
final class ScriptedProber: ProbeRunning {
    let results: AsyncStream<ProbeResult>
    private let continuation: AsyncStream<ProbeResult>.Continuation
    private let given = Mutex<[[ProbeTarget]]>([])

    init() { (results, continuation) = AsyncStream.makeStream(of: ProbeResult.self) }

    /// Every `setTargets` call's targets, in order.
    var targetSets: [[ProbeTarget]] { given.withLock { $0 } }

    func setTargets(_ targets: [ProbeTarget]) async { given.withLock { $0.append(targets) } }
    func stop() async { continuation.finish() }
    func emit(_ result: ProbeResult) { continuation.yield(result) }
}

/// Opened once by the test; every wait before and after returns once it is.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Waits until `condition` holds, checking every 10 ms, for at most `seconds`; the test
/// then checks the condition itself, so a timeout fails it rather than hanging. The bound
/// is generous on purpose: what a test checks is that the condition comes, not how fast,
/// and a loaded machine is slow.
func eventually(within seconds: Double = 120, _ condition: () -> Bool) async {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !condition() && ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(10))
    }
}
