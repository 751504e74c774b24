import LVSHealth

/// When each target is next due: the earliest first and, at the same time, the one
/// scheduled first. An item of a target since removed or named anew stays until it comes
/// up; the scheduler skips it then (its generation is stale).
struct TargetSchedule {
    struct Item: Comparable {
        var at: HealthInstant
        var order: UInt64
        var target: ProbeTarget
        var generation: Int

        static func < (a: Item, b: Item) -> Bool { a.at < b.at || (a.at == b.at && a.order < b.order) }
        static func == (a: Item, b: Item) -> Bool { a.at == b.at && a.order == b.order }
    }

    private var heap = MinHeap<Item>()
    private var orders: UInt64 = 0

    var count: Int { heap.count }
    var first: Item? { heap.first }

    mutating func insert(_ target: ProbeTarget, generation: Int, at instant: HealthInstant) {
        orders += 1
        heap.insert(Item(at: instant, order: orders, target: target, generation: generation))
    }

    mutating func removeFirst() { heap.removeFirst() }
}
