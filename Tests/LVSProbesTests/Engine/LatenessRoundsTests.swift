import Testing

@testable import LVSProbes

@Suite struct LatenessRoundsTests {
    @Test func oneSourceMakesAnObservationOfEachSample() {
        var rounds = LatenessRounds()
        #expect(rounds.note(.milliseconds(5), from: 1) == .milliseconds(5))
        #expect(rounds.note(.milliseconds(300), from: 1) == .milliseconds(300))
    }

    @Test func aRoundWaitsForEverySourceAndTakesTheWorst() {
        var rounds = LatenessRounds()
        #expect(rounds.note(.zero, from: 1) == .zero)
        // Source 2 joins: from now on a round needs both.
        #expect(rounds.note(.milliseconds(10), from: 2) == nil)
        #expect(rounds.note(.milliseconds(400), from: 2) == nil)
        #expect(rounds.note(.milliseconds(20), from: 2) == nil)
        #expect(rounds.note(.milliseconds(30), from: 1) == .milliseconds(400))
        // A new round.
        #expect(rounds.note(.milliseconds(1), from: 1) == nil)
        #expect(rounds.note(.milliseconds(2), from: 2) == .milliseconds(2))
    }

    @Test func aSilentSourceHoldsTheRound() {
        var rounds = LatenessRounds()
        _ = rounds.note(.zero, from: 1)
        _ = rounds.note(.zero, from: 2)
        for _ in 0..<1000 { #expect(rounds.note(.zero, from: 2) == nil) }
        #expect(rounds.note(.seconds(9), from: 1) == .seconds(9))
    }
}
