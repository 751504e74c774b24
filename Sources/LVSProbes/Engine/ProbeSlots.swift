import NIOCore

/// How many probes may be in flight at once. Every probe holds at least one file
/// descriptor (a socket; an exec check its pipes) until it ends, and a process out of
/// descriptors fails in places it cannot recover from: accept on the control socket,
/// netlink, and Swift's own thread pool (libdispatch traps when it cannot open
/// `/proc/TID/stat` of its workers). So probes wait for a slot instead of failing: a
/// target's run starts late, its timeout counts from when it starts.
public actor ProbeSlots {
    public nonisolated let capacity: Int
    private var free: Int
    /// First come, first served; a ring, as thousands may wait when every slot is taken.
    private var waiting = CircularBuffer<CheckedContinuation<Void, Never>>()

    public init(capacity: Int) {
        self.capacity = max(capacity, 1)
        free = self.capacity
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

    /// Waits for a free slot and takes it.
    public func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives a slot back: to the longest waiting probe, if any.
    public func release() {
        if let next = waiting.popFirst() {
            next.resume()
        } else {
            free += 1
        }
    }
}
