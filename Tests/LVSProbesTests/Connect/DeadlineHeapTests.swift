import Testing

@testable import LVSProbes

@Suite struct DeadlineHeapTests {
    /// Random deadlines come out soonest first, a tie in submission order, and only once
    /// due.
    @Test func popsInDeadlineOrderOnceDue() {
        var generator = SystemRandomNumberGenerator()
        var heap = DeadlineHeap()
        var entries: [DeadlineHeap.Entry] = []
        for token in 1...2000 as ClosedRange<UInt64> {
            let entry = DeadlineHeap.Entry(deadline: UInt64.random(in: 1...500, using: &generator), token: token)
            entries.append(entry)
            heap.insert(entry)
        }
        #expect(heap.popDue(at: 0) == nil)
        var popped: [DeadlineHeap.Entry] = []
        for now in stride(from: UInt64(0), through: 500, by: 50) {
            while let entry = heap.popDue(at: now) {
                #expect(entry.deadline <= now)
                popped.append(entry)
            }
        }
        #expect(heap.isEmpty)
        #expect(popped == entries.sorted { ($0.deadline, $0.token) < ($1.deadline, $1.token) })
    }
}
