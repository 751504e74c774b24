import LVSHealth

/// When each target is next due: a binary min-heap, the earliest first and, at the same
/// time, the one scheduled first. An item of a target since removed or named anew stays
/// until it comes up; the scheduler skips it then (its generation is stale).
struct TargetSchedule {
    struct Item {
        var at: HealthInstant
        var order: UInt64
        var target: ProbeTarget
        var generation: Int
    }

    private var items: [Item] = []
    private var orders: UInt64 = 0

    var count: Int { items.count }
    var first: Item? { items.first }

    mutating func insert(_ target: ProbeTarget, generation: Int, at instant: HealthInstant) {
        orders += 1
        items.append(Item(at: instant, order: orders, target: target, generation: generation))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeFirst() {
        guard !items.isEmpty else { return }
        let last = items.removeLast()
        guard !items.isEmpty else { return }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count, Self.precedes(items[left], items[smallest]) { smallest = left }
            if right < items.count, Self.precedes(items[right], items[smallest]) { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }

    private static func precedes(_ a: Item, _ b: Item) -> Bool {
        a.at < b.at || (a.at == b.at && a.order < b.order)
    }
}
