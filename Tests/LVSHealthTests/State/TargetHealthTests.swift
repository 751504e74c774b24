import IPVSKit
import LVSHealth
import Testing

@Suite struct TargetHealthTests {
    let backend = target(v4(192, 168, 10, 11), rise: 2, fall: 3)

    @Test func riseTakesThatManyPassesInARow() {
        var clock = ScriptedClock()
        var health = TargetHealth(initial: .down, at: clock.now)
        #expect(run([pass, refused, pass], on: backend, health: &health, clock: &clock).isEmpty)
        let transitions = run([pass], on: backend, health: &health, clock: &clock)
        #expect(transitions.count == 1)
        #expect(transitions.first?.from == .down)
        #expect(transitions.first?.to == .up)
        #expect(transitions.first?.at == .seconds(4))
        #expect(transitions.first?.reason == "connected (2 passes in a row)")
        #expect(health.state == .up)
        #expect(health.since == .seconds(4))
    }

    @Test func fallTakesThatManyFailuresInARowWithTheLastReason() {
        var clock = ScriptedClock()
        var health = TargetHealth(initial: .up, at: clock.now)
        #expect(run([timeout, timeout, pass, timeout, timeout], on: backend, health: &health, clock: &clock).isEmpty)
        let transitions = run([timeout], on: backend, health: &health, clock: &clock)
        #expect(
            transitions.map(\.description) == [
                "connect 192.168.10.11:80: up -> down: connect timeout after 1.0 s (3 failures in a row)"
            ])
        #expect(transitions.first?.at == .seconds(6))
    }

    @Test func moreResultsOfTheSameKindMakeNoFurtherTransition() {
        var clock = ScriptedClock()
        var health = TargetHealth(initial: .up, at: clock.now)
        let transitions = run(Array(repeating: refused, count: 10), on: backend, health: &health, clock: &clock)
        #expect(transitions.count == 1)
        #expect(health.failuresInARow == 10)
    }

    @Test(arguments: [(InitialHealth.up, HealthState.up), (.down, .down), (.asFound, .unknown)])
    func initialSettingDecidesTheFirstState(initial: InitialHealth, state: HealthState) {
        #expect(TargetHealth(initial: initial, at: .origin).state == state)
    }

    @Test func unknownLeavesByRiseOrFall() {
        var clock = ScriptedClock()
        var up = TargetHealth(initial: .asFound, at: clock.now)
        #expect(run([pass], on: backend, health: &up, clock: &clock).isEmpty)
        #expect(run([pass], on: backend, health: &up, clock: &clock).map(\.from) == [.unknown])
        #expect(up.state == .up)
        var down = TargetHealth(initial: .asFound, at: clock.now)
        #expect(run([refused, refused], on: backend, health: &down, clock: &clock).isEmpty)
        #expect(run([refused], on: backend, health: &down, clock: &clock).map(\.to) == [.down])
    }

    /// A server that answers every other time never changes state with rise and fall
    /// above 1: no transition, so no write.
    @Test func alternatingResultsMakeNoTransition() {
        var clock = ScriptedClock()
        var health = TargetHealth(initial: .up, at: clock.now)
        let flapping = (0..<50).map { $0 % 2 == 0 ? refused : pass }
        #expect(run(flapping, on: backend, health: &health, clock: &clock).isEmpty)
        #expect(health.state == .up)
    }

    /// With rise = fall = 1 every result could flip the state; a hold of 10 s keeps it to
    /// one transition per 10 s.
    @Test func holdSpacesTransitions() {
        let twitchy = target(v4(192, 168, 10, 11), rise: 1, fall: 1, hold: .seconds(10))
        var clock = ScriptedClock()
        var health = TargetHealth(initial: .up, at: clock.now)
        let flapping = (0..<60).map { $0 % 2 == 0 ? refused : pass }
        let transitions = run(flapping, on: twitchy, health: &health, clock: &clock)
        #expect(transitions.map(\.at) == [.seconds(11), .seconds(22), .seconds(33), .seconds(44), .seconds(55)])
        for (earlier, later) in zip(transitions, transitions.dropFirst()) {
            #expect(later.at - earlier.at >= .seconds(10))
        }
        let noHold = target(v4(192, 168, 10, 11), rise: 1, fall: 1)
        var undamped = TargetHealth(initial: .up, at: .origin)
        var clock2 = ScriptedClock()
        #expect(run(flapping, on: noHold, health: &undamped, clock: &clock2).count == 60)
    }

    @Test func connectMostlyRunsTheFullCheckEveryNPassesAndAfterAFailure() {
        var health = TargetHealth(initial: .up, at: .origin)
        var plan: [Bool] = []
        for passed in [true, true, true, true, false, true, true] {
            let full = health.nextRunIsFull(every: 2)
            plan.append(full)
            health.noteRun(full: full, passed: passed)
        }
        #expect(plan == [true, false, false, true, false, true, false])
    }

    @Test func durationsReadAsLogLinesGiveThem() {
        #expect(Duration.seconds(1).secondsText == "1.0 s")
        #expect(Duration.milliseconds(250).secondsText == "0.3 s")
        #expect(Duration.milliseconds(1549).secondsText == "1.5 s")
        #expect(Duration.seconds(30).secondsText == "30.0 s")
    }
}
