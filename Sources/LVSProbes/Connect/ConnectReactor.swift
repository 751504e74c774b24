import CLinuxEvents
import IPVSKit
import LVSHealth
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `connect` checks on one thread of its own with one epoll instance, and nothing
/// else: a non-blocking socket, connect, a wait for it to become writable, SO_ERROR,
/// close. A connect check needs no channel, pipeline or future, and building those per
/// probe cost more CPU than the connect itself.
///
/// Checks are submitted from any thread: into a locked queue, and an eventfd wakes the
/// thread (one write per batch, not per check). Deadlines are kept in a heap, and the
/// soonest bounds how long epoll_wait sleeps. Sockets are made on the reactor's thread,
/// so they belong to that thread's network namespace: the one the thread that started the
/// reactor was in (lvsadmd enters `--netns` before it starts any thread).
///
/// Outcomes are the ones the event-loop connect check gives: "connected", the errno's
/// failure, or a connect timeout after the run's whole timeout, counted from submission.
public final class ConnectReactor: Sendable {
    /// What a check still queued or in flight when the reactor stops returns.
    static let abandoned = ProbeOutcome.failed(.other("probe abandoned: the connect checks stopped"))

    private let epoll: Int32
    private let wake: Int32
    private let inbox: NIOLockedValueBox<Inbox>

    struct Request {
        var endpoint: RealServerID
        var timeout: Duration
        /// `MonotonicTime` nanoseconds.
        var deadline: UInt64
        var continuation: CheckedContinuation<ProbeOutcome, Never>
    }

    struct Inbox {
        var requests: [Request] = []
        /// The eventfd was written since the reactor last took the queue.
        var wakePending = false
        var stopping = false
        var stopped = false
        var waitingForStop: [CheckedContinuation<Void, Never>] = []
    }

    /// Starts the reactor's thread; nil when the system gives no epoll instance, eventfd
    /// or thread (the caller then runs connect checks another way).
    ///
    /// - Parameter lateness: called on the reactor's thread every `samplingInterval` with
    ///   how late it got to a wake-up that was due: how far behind its checks' outcomes are.
    public static func start(
        samplingInterval: Duration = AdmissionLimit.samplingInterval,
        lateness: (@Sendable (Duration) -> Void)? = nil
    ) -> ConnectReactor? {
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { return nil }
        let wake = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        guard wake >= 0 else {
            close(epoll)
            return nil
        }
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = ReactorLoop.wakeToken
        guard epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &event) == 0 else {
            close(wake)
            close(epoll)
            return nil
        }
        let reactor = ConnectReactor(epoll: epoll, wake: wake)
        let loop = ReactorLoop(
            reactor: reactor, epoll: epoll, samplingInterval: samplingInterval, lateness: lateness)
        guard DetachedThread.start({ loop.run() }) else {
            close(wake)
            close(epoll)
            return nil
        }
        return reactor
    }

    private init(epoll: Int32, wake: Int32) {
        self.epoll = epoll
        self.wake = wake
        inbox = NIOLockedValueBox(Inbox())
    }

    /// One connect check to `endpoint`, bounded by `timeout` from now.
    public func connect(to endpoint: RealServerID, timeout: Duration) async -> ProbeOutcome {
        let deadline = MonotonicTime.now() &+ MonotonicTime.nanoseconds(timeout)
        return await withCheckedContinuation { continuation in
            let accepted = inbox.withLockedValue { inbox in
                guard !inbox.stopping else { return false }
                inbox.requests.append(
                    Request(endpoint: endpoint, timeout: timeout, deadline: deadline, continuation: continuation))
                if !inbox.wakePending {
                    inbox.wakePending = true
                    // Under the lock: the reactor closes the eventfd under it when it stops,
                    // and a write after that could land in a file that reused the number.
                    eventfd_write(wake, 1)
                }
                return true
            }
            if !accepted { continuation.resume(returning: Self.abandoned) }
        }
    }

    /// Asks the thread to stop without waiting for it: checks queued or in flight end as
    /// abandoned.
    public func stop() {
        inbox.withLockedValue { inbox in
            guard !inbox.stopping else { return }
            inbox.stopping = true
            eventfd_write(wake, 1)
        }
    }

    /// Stops the thread and returns once it has ended every check and closed its
    /// descriptors.
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = inbox.withLockedValue { inbox in
                if inbox.stopped { return true }
                inbox.waitingForStop.append(continuation)
                if !inbox.stopping {
                    inbox.stopping = true
                    eventfd_write(wake, 1)
                }
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// The reactor's side of the queue: takes what was submitted, and whether to stop.
    func takeRequests() -> (requests: [Request], stopping: Bool) {
        var count: eventfd_t = 0
        // Reset the counter before taking the queue: a submission after the take then
        // writes (and wakes the thread) again.
        _ = eventfd_read(wake, &count)
        return inbox.withLockedValue { inbox in
            inbox.wakePending = false
            let requests = inbox.requests
            inbox.requests = []
            return (requests, inbox.stopping)
        }
    }

    /// The reactor's last act: marks it stopped, closes its descriptors, and hands back
    /// what is left to end.
    func finish() -> (requests: [Request], waitingForStop: [CheckedContinuation<Void, Never>]) {
        inbox.withLockedValue { inbox in
            inbox.stopped = true
            close(wake)
            close(epoll)
            let left = (inbox.requests, inbox.waitingForStop)
            inbox.requests = []
            inbox.waitingForStop = []
            return left
        }
    }
}
