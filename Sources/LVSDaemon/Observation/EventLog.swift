import LVSHealth

/// The latest health transitions, numbered from 1 in the order they happened, for
/// `/api/v1/events?since=N`: a client passes the last number it saw and gets the ones
/// after it. Bounded: a client that falls more than `capacity` behind is told it missed
/// some (`first` is then above its cursor + 1).
public struct EventLog: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var number: UInt64
        public var transition: HealthTransition
        public var users: [TargetUser]
    }

    public static let capacity = 1000
    public private(set) var entries: [Entry] = []
    /// The number the next transition gets.
    public private(set) var next: UInt64 = 1

    public init() {}

    public mutating func append(_ transition: HealthTransition, users: [TargetUser]) {
        entries.append(Entry(number: next, transition: transition, users: users))
        next += 1
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }

    /// The entries numbered above `cursor`.
    public func after(_ cursor: UInt64) -> ArraySlice<Entry> {
        let start = entries.firstIndex { $0.number > cursor } ?? entries.endIndex
        return entries[start...]
    }

    /// The number of the last transition (0 before the first).
    public var last: UInt64 { next - 1 }
}
