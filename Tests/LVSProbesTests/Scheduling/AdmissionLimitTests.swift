import Testing

@testable import LVSProbes

@Suite struct AdmissionLimitTests {
    @Test func startsModestAndDoublesWhileTheLoopIsOnTimeAndProbesWait() {
        var limit = AdmissionLimit(ceiling: 1000)
        #expect(limit.current == 64)
        limit.observe(lateness: .milliseconds(10), probesWaited: true)
        #expect(limit.current == 128)
        limit.observe(lateness: .milliseconds(10), probesWaited: true)
        #expect(limit.current == 256)
        // Nobody waited: the limit is not what holds probes back, so it stays.
        limit.observe(lateness: .zero, probesWaited: false)
        #expect(limit.current == 256)
        for _ in 0..<5 { limit.observe(lateness: .zero, probesWaited: true) }
        #expect(limit.current == 1000)
    }

    @Test func aLateLoopCutsByAQuarterDownToTheFloorThenGrowthIsSlow() {
        var limit = AdmissionLimit(ceiling: 1000, initial: 400)
        limit.observe(lateness: .milliseconds(250), probesWaited: true)
        #expect(limit.current == 300)
        for _ in 0..<30 { limit.observe(lateness: .seconds(2), probesWaited: true) }
        #expect(limit.current == 32)
        limit.observe(lateness: .milliseconds(10), probesWaited: true)
        #expect(limit.current == 34)
        limit.observe(lateness: .milliseconds(10), probesWaited: true)
        #expect(limit.current == 36)
    }

    @Test func betweenOnTimeAndLateItHolds() {
        var limit = AdmissionLimit(ceiling: 1000)
        limit.observe(lateness: .milliseconds(100), probesWaited: true)
        #expect(limit.current == 64)
    }

    @Test func boundsAreKeptWhateverTheArguments() {
        #expect(AdmissionLimit(ceiling: 10).current == 10)
        #expect(AdmissionLimit(ceiling: 10).floor == 10)
        #expect(AdmissionLimit(ceiling: 0).current == 1)
        var small = AdmissionLimit(ceiling: 3, floor: 1, initial: 1)
        small.observe(lateness: .seconds(1), probesWaited: true)
        #expect(small.current == 1)
    }
}
