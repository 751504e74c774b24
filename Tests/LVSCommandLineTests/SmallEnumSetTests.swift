import Testing

@testable import LVSCommandLine

@Suite struct SmallEnumSetTests {
    @Test func theParsersEnumsFitOneWord() {
        #expect(TrackedOption.allCases.allSatisfy { (0..<64).contains($0.rawValue) })
    }

    @Test func insertAndContains() {
        var set: SmallEnumSet<TrackedOption> = [.weight]
        set.insert(.scheduler)
        #expect(set.contains(.weight) && set.contains(.scheduler) && !set.contains(.numeric))
        #expect(!set.isEmpty && SmallEnumSet<TrackedOption>().isEmpty)
    }
}
