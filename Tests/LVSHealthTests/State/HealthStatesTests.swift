import IPVSKit
import LVSHealth
import Testing

@Suite struct HealthStatesTests {
    let web1 = target(v4(192, 168, 10, 11))
    let web2 = target(v4(192, 168, 10, 12))

    @Test func reloadKeepsTheStateOfEveryUnchangedTarget() {
        var states = HealthStates(targets: [web1, web2], at: .origin)
        for second in 1...3 { _ = states.record(refused, for: web1, at: .seconds(Double(second))) }
        #expect(states[web1]?.state == .down)
        var changed = web2
        changed.timing.fall = 5
        let reloaded = states.carried(to: [web1, changed], at: .seconds(10))
        #expect(reloaded[web1] == states[web1])
        #expect(reloaded[changed]?.state == .unknown)
        #expect(reloaded[changed]?.since == .seconds(10))
        #expect(reloaded[web2] == nil)
    }

    @Test func aResultForADroppedTargetIsIgnored() {
        var states = HealthStates(targets: [web1], at: .origin)
        #expect(states.record(refused, for: web2, at: .seconds(1)) == nil)
        #expect(states[web2] == nil)
    }

    @Test func startsAreSpreadEvenlyOverEachInterval() {
        var slow = target(v4(10, 0, 0, 9))
        slow.timing.interval = .seconds(10)
        let targets = (1...4).map { target(v4(10, 0, 0, UInt8($0))) } + [slow]
        let runs = StartSchedule.firstRuns(of: targets, from: .seconds(100))
        #expect(
            targets.prefix(4).map { runs[$0] } == [.seconds(100), .seconds(100.25), .seconds(100.5), .seconds(100.75)])
        #expect(runs[slow] == .seconds(100))
        #expect(StartSchedule.firstRuns(of: targets, from: .seconds(100)) == runs)
    }

    @Test func aTransitionIsLoggedOncePerRealServerItDecides() {
        let users = [
            TargetUser(service: tcp(v4(203, 0, 113, 10), 80), server: web1.endpoint),
            TargetUser(service: tcp(v4(203, 0, 113, 11), 80), server: web1.endpoint),
        ]
        var states = HealthStates(targets: [web1], at: .origin)
        var transition: HealthTransition?
        for second in 1...3 { transition = states.record(timeout, for: web1, at: .seconds(Double(second))) }
        #expect(
            transition.map { TransitionLog.lines(for: $0, users: users) } == [
                "TCP 203.0.113.10:80 real server 192.168.10.11:80: unknown -> down (connect check): connect timeout after 1.0 s (3 failures in a row)",
                "TCP 203.0.113.11:80 real server 192.168.10.11:80: unknown -> down (connect check): connect timeout after 1.0 s (3 failures in a row)",
            ])
    }
}
