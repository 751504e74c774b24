/// The connects in flight ordered by deadline: a binary min-heap of (deadline, token).
///
/// A connect that ends before its deadline leaves its entry here; the reactor skips it
/// when it comes up (its token is no longer pending). Removing it at once would need an
/// index per entry, and an entry costs 16 bytes for at most one timeout.
struct DeadlineHeap {
    struct Entry: Equatable {
        /// Nanoseconds on `MonotonicTime`.
        var deadline: UInt64
        var token: UInt64
    }

    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }
    /// The soonest deadline.
    var first: Entry? { entries.first }

    mutating func insert(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(entries[child], entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the soonest entry if its deadline is `now` or earlier.
    mutating func popDue(at now: UInt64) -> Entry? {
        guard let first = entries.first, first.deadline <= now else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, Self.precedes(entries[left], entries[smallest]) { smallest = left }
            if right < entries.count, Self.precedes(entries[right], entries[smallest]) { smallest = right }
            guard smallest != parent else { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }

    mutating func removeAll() { entries.removeAll() }

    /// Earlier deadline first; on a tie, the one submitted first (tokens only grow).
    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        (a.deadline, a.token) < (b.deadline, b.token)
    }
}
