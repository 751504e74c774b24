import CLinuxEvents
import LVSHealth

#if canImport(Glibc)
    import Glibc
#endif

/// The connect reactor's thread: everything here is touched by that thread alone.
final class ReactorLoop: @unchecked Sendable {
    /// The epoll token of the reactor's eventfd; each connect gets a token above it.
    static let wakeToken: UInt64 = 0
    /// How many ready sockets one epoll_wait returns at most.
    private static let batch = 512

    private struct Pending {
        var descriptor: Int32
        var timeout: Duration
        var continuation: CheckedContinuation<ProbeOutcome, Never>
    }

    private let reactor: ConnectReactor
    private let epoll: Int32
    private let samplingInterval: UInt64
    private let lateness: (@Sendable (Duration) -> Void)?
    private var pending: [UInt64: Pending] = [:]
    private var deadlines = DeadlineHeap()
    private var nextToken: UInt64 = 1
    private var sampleDue: UInt64

    init(
        reactor: ConnectReactor, epoll: Int32, samplingInterval: Duration,
        lateness: (@Sendable (Duration) -> Void)?
    ) {
        self.reactor = reactor
        self.epoll = epoll
        self.samplingInterval = max(MonotonicTime.nanoseconds(samplingInterval), 1_000_000)
        self.lateness = lateness
        sampleDue = MonotonicTime.now() &+ self.samplingInterval
    }

    /// Runs until the reactor is asked to stop.
    func run() {
        var events = [epoll_event](repeating: epoll_event(), count: Self.batch)
        var running = true
        while running {
            let wait = milliseconds(until: nextWakeUp(), from: MonotonicTime.now())
            let count = events.withUnsafeMutableBufferPointer {
                epoll_wait(epoll, $0.baseAddress, Int32($0.count), wait)
            }
            var woken = false
            for event in events.prefix(max(Int(count), 0)) {
                let token = event.data.u64
                if token == Self.wakeToken {
                    woken = true
                } else {
                    complete(token)
                }
            }
            let now = MonotonicTime.now()
            expire(at: now)
            sample(at: now)
            if woken {
                let (requests, stopping) = reactor.takeRequests()
                if stopping {
                    for request in requests { request.continuation.resume(returning: ConnectReactor.abandoned) }
                    running = false
                } else {
                    for request in requests { start(request) }
                }
            }
        }
        end()
    }

    private func start(_ request: ConnectReactor.Request) {
        switch ConnectSocket.start(to: request.endpoint) {
        case .connected:
            request.continuation.resume(returning: .passed("connected"))
        case .failed(let code):
            request.continuation.resume(returning: .failed(ProbeFailure(errno: code)))
        case .inProgress(let descriptor):
            let token = nextToken
            nextToken += 1
            var event = epoll_event()
            // Writable when the handshake completes; EPOLLERR and EPOLLHUP (always
            // reported) when it fails.
            event.events = EPOLLOUT.rawValue
            event.data.u64 = token
            guard epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) == 0 else {
                let code = errno
                ConnectSocket.close(descriptor)
                request.continuation.resume(returning: .failed(ProbeFailure(errno: code)))
                return
            }
            pending[token] = Pending(
                descriptor: descriptor, timeout: request.timeout, continuation: request.continuation)
            deadlines.insert(.init(deadline: request.deadline, token: token))
        }
    }

    /// The socket of `token` became writable or failed: its handshake has ended.
    private func complete(_ token: UInt64) {
        // Gone when the deadline took it earlier in this same round.
        guard let connect = pending.removeValue(forKey: token) else { return }
        let code = ConnectSocket.result(of: connect.descriptor)
        // Closing removes the socket from the epoll set as well.
        ConnectSocket.close(connect.descriptor)
        connect.continuation.resume(returning: code == 0 ? .passed("connected") : .failed(ProbeFailure(errno: code)))
    }

    private func expire(at now: UInt64) {
        while let due = deadlines.popDue(at: now) {
            guard let connect = pending.removeValue(forKey: due.token) else { continue }
            ConnectSocket.close(connect.descriptor)
            connect.continuation.resume(returning: .failed(.connectTimeout(after: connect.timeout)))
        }
    }

    private func sample(at now: UInt64) {
        guard let lateness, now >= sampleDue else { return }
        lateness(.nanoseconds(Int64(now - sampleDue)))
        sampleDue = now &+ samplingInterval
    }

    /// The soonest moment the loop has something to do without an event: a deadline of
    /// a connect still in flight, or the next lateness sample.
    private func nextWakeUp() -> UInt64? {
        // Entries of connects that already ended would wake the loop for nothing.
        while let first = deadlines.first, pending[first.token] == nil { _ = deadlines.popDue(at: .max) }
        let deadline = deadlines.first?.deadline
        guard lateness != nil else { return deadline }
        return min(deadline ?? .max, sampleDue)
    }

    /// epoll_wait's timeout: rounded up to whole milliseconds, so the loop does not wake
    /// just before a deadline and sleep again.
    private func milliseconds(until moment: UInt64?, from now: UInt64) -> Int32 {
        guard let moment else { return -1 }
        guard moment > now else { return 0 }
        let millis = (moment - now + 999_999) / 1_000_000
        return Int32(min(millis, UInt64(Int32.max)))
    }

    /// Ends every check still in flight or queued and closes the reactor's descriptors.
    private func end() {
        for connect in pending.values {
            ConnectSocket.close(connect.descriptor)
            connect.continuation.resume(returning: ConnectReactor.abandoned)
        }
        pending.removeAll()
        deadlines.removeAll()
        let (requests, waitingForStop) = reactor.finish()
        for request in requests { request.continuation.resume(returning: ConnectReactor.abandoned) }
        for waiter in waitingForStop { waiter.resume() }
    }
}
