import NIOCore

/// Measures how late an event loop runs what is due on it: a task every `interval`,
/// each reporting how long after its due time it ran. A loop busy with more completions
/// than it can handle runs everything late, its probes' outcomes among them.
enum LatenessSampler {
    static func start(
        on loop: any EventLoop, every interval: Duration, report: @escaping @Sendable (Duration) -> Void
    ) -> RepeatedTask {
        let step = TimeAmount(interval)
        let due = DueTime(NIODeadline.now() + step)
        return loop.scheduleRepeatedTask(initialDelay: step, delay: step) { _ in
            let now = NIODeadline.now()
            report(.nanoseconds(max(0, (now - due.time).nanoseconds)))
            // The next run is due `delay` after this one ends.
            due.time = NIODeadline.now() + step
        }
    }

    /// The next due time; only its loop reads and writes it.
    private final class DueTime: @unchecked Sendable {
        var time: NIODeadline
        init(_ time: NIODeadline) { self.time = time }
    }
}
