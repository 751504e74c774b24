/// The connects in flight ordered by deadline: a min-heap of (deadline, token).
///
/// A connect that ends before its deadline leaves its entry here; the reactor skips it
/// when it comes up (its token is no longer pending). Removing it at once would need an
/// index per entry, and an entry costs 16 bytes for at most one timeout.
struct DeadlineHeap {
    struct Entry: Comparable {
        /// Nanoseconds on `MonotonicTime`.
        var deadline: UInt64
        var token: UInt64

        /// Earlier deadline first; on a tie, the one submitted first (tokens only grow).
        static func < (a: Entry, b: Entry) -> Bool { (a.deadline, a.token) < (b.deadline, b.token) }
    }

    private var heap = MinHeap<Entry>()

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    /// The soonest deadline.
    var first: Entry? { heap.first }

    mutating func insert(_ entry: Entry) { heap.insert(entry) }

    /// Removes and returns the soonest entry if its deadline is `now` or earlier.
    mutating func popDue(at now: UInt64) -> Entry? {
        guard let first = heap.first, first.deadline <= now else { return nil }
        return heap.removeFirst()
    }

    mutating func removeAll() { heap.removeAll() }
}
