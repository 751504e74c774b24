import Testing

@testable import LVSProbes

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ProbeSlotsTests {
    /// Counts how many holders overlap.
    actor Overlap {
        var now = 0
        var most = 0
        var done = 0
        func enter() {
            now += 1
            most = max(most, now)
        }
        func leave() {
            now -= 1
            done += 1
        }
    }

    @Test func noMoreThanCapacityHoldASlotAndEveryWaiterGetsOne() async {
        let slots = ProbeSlots(capacity: 2)
        let overlap = Overlap()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<7 {
                group.addTask {
                    await slots.acquire()
                    await overlap.enter()
                    try? await Task.sleep(for: .milliseconds(20))
                    await overlap.leave()
                    await slots.release()
                }
            }
        }
        #expect(await overlap.most == 2)
        #expect(await overlap.done == 7)
    }

    @Test func capacityLeavesTheReserveAndCountsThreeDescriptorsAProbe() {
        #expect(ProbeSlots.capacity(openFiles: 1024) == (1024 - 256) / 3)
        #expect(ProbeSlots.capacity(openFiles: 524_288) == (524_288 - 256) / 3)
        #expect(ProbeSlots.capacity(openFiles: 100) == 8)
        #expect(ProbeSlots(capacity: 0).capacity == 1)
    }

    @Test func raisingTheOpenFileLimitReachesTheHardLimit() {
        let soft = OpenFileLimit.raiseToHard()
        var limit = rlimit()
        #expect(getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0)
        #expect(limit.rlim_cur == limit.rlim_max)
        #expect(soft == min(Int(limit.rlim_cur), Int(Int32.max)))
    }
}
