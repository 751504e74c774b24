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
                    guard await slots.acquire() else { return }
                    await overlap.enter()
                    try? await Task.sleep(for: .milliseconds(20))
                    await overlap.leave()
                    slots.release()
                }
            }
        }
        #expect(await overlap.most == 2)
        #expect(await overlap.done == 7)
    }

    /// A wait that is cancelled ends at once without a slot, and the slot it was waiting
    /// for goes to the next waiter, not to it. (Whether the cancel lands before or after
    /// the wait is queued, the answer is the same.)
    @Test(.timeLimit(.minutes(1))) func aCancelledWaitEndsWithoutASlot() async {
        let slots = ProbeSlots(capacity: 1)
        #expect(await slots.acquire())
        let cancelled = Task { await slots.acquire() }
        try? await Task.sleep(for: .milliseconds(20))
        cancelled.cancel()
        #expect(await cancelled.value == false)
        let next = Task { await slots.acquire() }
        try? await Task.sleep(for: .milliseconds(20))
        slots.release()
        #expect(await next.value == true)
        // The one slot is held by `next`: a task cancelled before it asks gets none.
        let late = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await slots.acquire()
        }
        #expect(await late.value == false)
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

@Suite struct ProbeSlotsLimitTests {
    /// The limit, not the capacity, decides who starts: a late loop holds probes back,
    /// and one on time again lets the waiting ones start without a release.
    @Test(.timeLimit(.minutes(1))) func theLimitFollowsTheLoopsLateness() async {
        let slots = ProbeSlots(capacity: 1000)
        let loop = slots.makeLatenessSource()
        #expect(slots.limit == 64)
        for _ in 0..<64 { #expect(await slots.acquire()) }
        for _ in 0..<10 { slots.noteLateness(.seconds(1), from: loop) }
        #expect(slots.limit == 32)
        // 64 in flight, limit 32: a release frees no slot for a waiter.
        let waiter = Task { await slots.acquire() }
        try? await Task.sleep(for: .milliseconds(20))
        slots.release()
        try? await Task.sleep(for: .milliseconds(20))
        // 63 in flight; the loop is on time and a probe waits: 32 -> 34 ... until 64 fit.
        for _ in 0..<20 { slots.noteLateness(.zero, from: loop) }
        #expect(await waiter.value == true)
        #expect(slots.limit > 64)
    }

    /// With probes waiting, an on-time reactor does not grow the limit while the event loop
    /// has not reported; the loop's late sample then cuts it.
    @Test(.timeLimit(.minutes(1))) func theLimitFollowsTheLatestOfItsClocks() async {
        let slots = ProbeSlots(capacity: 1000)
        let loop = slots.makeLatenessSource()
        let reactor = slots.makeLatenessSource()
        for _ in 0..<64 { #expect(await slots.acquire()) }
        let waiter = Task { await slots.acquire() }
        try? await Task.sleep(for: .milliseconds(20))
        slots.noteLateness(.zero, from: loop)
        slots.noteLateness(.zero, from: reactor)
        #expect(slots.limit == 128)
        #expect(await waiter.value == true)
        // A probe waits again; the loop falls behind and is silent, the reactor is on time.
        for _ in 0..<63 { #expect(await slots.acquire()) }
        let second = Task { await slots.acquire() }
        try? await Task.sleep(for: .milliseconds(20))
        for _ in 0..<100 { slots.noteLateness(.zero, from: reactor) }
        #expect(slots.limit == 128)
        slots.noteLateness(.seconds(3), from: loop)
        #expect(slots.limit == 96)
        second.cancel()
        #expect(await second.value == false)
    }

    @Test func aFixedLimitStaysAtCapacity() {
        let slots = ProbeSlots(capacity: 5, adaptive: false)
        slots.noteLateness(.seconds(5), from: slots.makeLatenessSource())
        #expect(slots.limit == 5)
    }
}
