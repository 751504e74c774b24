import LVSHealth
import NIOConcurrencyHelpers
import NIOCore

/// One run of a network probe: the single place that decides its outcome, whichever comes
/// first of the probe's own verdict, an error, or the deadline.
///
/// The deadline is set once, when the run starts, and covers every stage together: the
/// connect, the TLS handshake, the request and the reply. It does not restart per stage
/// or per byte received, so a peer that stalls anywhere (even mid-handshake, or trickling
/// a byte at a time) cannot keep a run alive past its timeout. When it fires, the failure
/// names the stage that was still going.
final class ProbeRun: Sendable {
    enum Stage: Sendable {
        case connecting
        case tlsHandshake
        case awaitingReply
    }

    let timeout: Duration
    private let promise: EventLoopPromise<ProbeOutcome>
    private let state = NIOLockedValueBox(State())

    private struct State {
        var stage = Stage.connecting
        var channel: Channel?
        var finished = false
        var deadline: Scheduled<Void>?
    }

    /// The outcome, once decided; never fails.
    var outcome: EventLoopFuture<ProbeOutcome> { promise.futureResult }

    init(on loop: EventLoop, timeout: Duration) {
        self.timeout = timeout
        self.promise = loop.makePromise(of: ProbeOutcome.self)
        let deadline = loop.scheduleTask(in: TimeAmount(timeout)) { [self] in expire() }
        state.withLockedValue { $0.deadline = deadline }
    }

    /// The run has moved on to `stage`; a deadline from now on fails with its words.
    func entered(_ stage: Stage) {
        state.withLockedValue { $0.stage = stage }
    }

    /// The run's connection: closed when the run ends (at once, if it already has).
    func attach(_ channel: Channel) {
        let alreadyFinished = state.withLockedValue { state in
            state.channel = channel
            return state.finished
        }
        if alreadyFinished { channel.close(promise: nil) }
    }

    /// Decides the outcome; later calls are ignored (the first cause wins).
    func finish(_ outcome: ProbeOutcome) {
        let ending: (Channel?, Scheduled<Void>?)? = state.withLockedValue { state in
            guard !state.finished else { return nil }
            state.finished = true
            return (state.channel, state.deadline)
        }
        guard let (channel, deadline) = ending else { return }
        deadline?.cancel()
        channel?.close(promise: nil)
        promise.succeed(outcome)
    }

    func fail(_ failure: ProbeFailure) { finish(.failed(failure)) }

    /// Fails with the failure `error` means at the current stage.
    func fail(_ error: any Error) {
        let stage = state.withLockedValue { $0.stage }
        fail(ProbeFailure(error, during: stage, timeout: timeout))
    }

    private func expire() {
        let stage = state.withLockedValue { $0.stage }
        fail(ProbeFailure.timedOut(during: stage, after: timeout))
    }
}
