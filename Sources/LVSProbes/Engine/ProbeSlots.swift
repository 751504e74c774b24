import NIOConcurrencyHelpers
import NIOCore

/// How many probes may be in flight at once: never more than `capacity`, and at each
/// moment no more than the `AdmissionLimit` the event loop's lateness sets
/// (`noteLateness`). Every probe holds at least one file descriptor (a socket; an exec
/// check its pipes) until it ends, and a process out of descriptors fails in places it
/// cannot recover from: accept on the control socket, netlink, and Swift's own thread
/// pool (libdispatch traps when it cannot open `/proc/TID/stat` of its workers). So
/// probes wait for a slot instead of failing: a target's run starts late, its timeout
/// counts from when it starts.
///
/// A wait ends when its task is cancelled: at stop thousands may be waiting, and each
/// would otherwise get a slot in turn and run a whole probe nobody reads, keeping the
/// daemon from exiting for a round of checks.
public final class ProbeSlots: Sendable {
    public let capacity: Int
    private let state: NIOLockedValueBox<State>

    private struct State {
        var limit: AdmissionLimit
        var inFlight = 0
        /// A probe waited for a slot since the last lateness observation.
        var waited = false
        var rounds = LatenessRounds()
        var sourcesGiven = 0
        /// First come, first served; a ring, as thousands may wait when every slot is
        /// taken. A cancelled waiter stays in it, empty, and is skipped when reached.
        var waiting = CircularBuffer<Waiter>()
    }

    /// One task waiting for a slot; its fields are only touched under `state`'s lock.
    private final class Waiter: @unchecked Sendable {
        var continuation: CheckedContinuation<Bool, Never>?
        var cancelled = false
    }

    /// - Parameter adaptive: false keeps the limit at `capacity` (for tests of the
    ///   waiting itself).
    public init(capacity: Int, adaptive: Bool = true) {
        self.capacity = max(capacity, 1)
        let limit =
            adaptive
            ? AdmissionLimit(ceiling: self.capacity)
            : AdmissionLimit(ceiling: self.capacity, floor: self.capacity, initial: self.capacity)
        state = NIOLockedValueBox(State(limit: limit))
    }

    /// How many probes may be in flight now.
    public var limit: Int { state.withLockedValue { $0.limit.current } }

    /// One clock whose lateness the limit follows (an event loop, the connect reactor).
    public struct LatenessSource: Sendable {
        fileprivate let id: Int
    }

    /// A new source; it counts from its first sample on (`LatenessRounds`).
    public func makeLatenessSource() -> LatenessSource {
        state.withLockedValue { state in
            state.sourcesGiven += 1
            return LatenessSource(id: state.sourcesGiven)
        }
    }

    /// Takes one sample of a source's lateness; the limit moves once every source has
    /// reported, by the worst of them, and a limit that grew lets waiting probes start at
    /// once.
    public func noteLateness(_ lateness: Duration, from source: LatenessSource) {
        let granted = state.withLockedValue { state -> [CheckedContinuation<Bool, Never>] in
            guard let lateness = state.rounds.note(lateness, from: source.id) else { return [] }
            state.limit.observe(lateness: lateness, probesWaited: state.waited)
            state.waited = !state.waiting.isEmpty
            return Self.admit(&state)
        }
        for continuation in granted { continuation.resume(returning: true) }
    }

    /// Descriptors kept for everything but probes: the kernel's sockets, the control
    /// socket and its clients, logs, the state file, the event loops' own.
    public static let reservedDescriptors = 256
    /// What one probe holds at most: an exec check's stdout and stderr pipes and the
    /// descriptor that waits for its process.
    public static let descriptorsPerProbe = 3

    /// Slots for a process allowed `openFiles` descriptors.
    public static func capacity(openFiles: Int) -> Int {
        max((openFiles - reservedDescriptors) / descriptorsPerProbe, 8)
    }

    /// Waits for a free slot and takes it (true), or gives up when the task is cancelled
    /// first (false: no slot was taken, there is none to release).
    public func acquire() async -> Bool {
        if Task.isCancelled { return false }
        let takenAtOnce = state.withLockedValue { state in
            guard state.inFlight < state.limit.current else {
                state.waited = true
                return false
            }
            state.inFlight += 1
            return true
        }
        if takenAtOnce { return true }
        let waiter = Waiter()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let granted: Bool? = state.withLockedValue { state in
                    if waiter.cancelled { return false }
                    if state.inFlight < state.limit.current {
                        state.inFlight += 1
                        return true
                    }
                    waiter.continuation = continuation
                    state.waiting.append(waiter)
                    return nil
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            let continuation = state.withLockedValue { _ in
                waiter.cancelled = true
                defer { waiter.continuation = nil }
                return waiter.continuation
            }
            continuation?.resume(returning: false)
        }
    }

    /// Gives a slot back: to the longest waiting probe, if the limit allows one.
    public func release() {
        let granted = state.withLockedValue { state -> [CheckedContinuation<Bool, Never>] in
            state.inFlight -= 1
            return Self.admit(&state)
        }
        for continuation in granted { continuation.resume(returning: true) }
    }

    /// Gives slots to the longest waiting probes while the limit allows; the caller
    /// resumes them outside the lock.
    private static func admit(_ state: inout State) -> [CheckedContinuation<Bool, Never>] {
        var granted: [CheckedContinuation<Bool, Never>] = []
        while state.inFlight < state.limit.current, let waiter = state.waiting.popFirst() {
            guard let continuation = waiter.continuation else { continue }
            waiter.continuation = nil
            state.inFlight += 1
            granted.append(continuation)
        }
        return granted
    }
}
