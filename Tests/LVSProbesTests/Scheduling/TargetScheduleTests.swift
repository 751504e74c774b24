import LVSHealth
import Testing

@testable import LVSProbes

@Suite struct TargetScheduleTests {
    let targets = (1...200).map { port in target(.connect, loopback(UInt16(port)), interval: .seconds(1)) }

    func at(_ milliseconds: Int) -> HealthInstant { HealthInstant.origin + .milliseconds(milliseconds) }

    /// Taken out earliest first, and at the same time in the order put in, whatever the
    /// order of insertion.
    @Test func itemsComeOutEarliestFirstAndTiesInTheOrderPutIn() {
        var schedule = TargetSchedule()
        var generator = SystemRandomNumberGenerator()
        var expected: [(Int, Int)] = []
        for (index, target) in targets.enumerated() {
            let milliseconds = Int.random(in: 0..<20, using: &generator) * 10
            schedule.insert(target, generation: index, at: at(milliseconds))
            expected.append((milliseconds, index))
        }
        expected.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var seen: [(Int, Int)] = []
        while let first = schedule.first {
            seen.append((Int(first.at.sinceOrigin / .milliseconds(1)), first.generation))
            schedule.removeFirst()
        }
        #expect(seen.map(\.0) == expected.map(\.0))
        #expect(seen.map(\.1) == expected.map(\.1))
        #expect(schedule.count == 0)
    }
}
