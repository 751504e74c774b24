/// How many probes may be in flight now, from how late the probes' event loop runs.
///
/// A probe's deadline runs from its start, but its outcome is seen only when the event
/// loop gets to it. Past what the loop can complete, more probes in flight add nothing
/// but waiting: at 12,000 real servers under emulation the loop completed about 141
/// probes a second whatever the number in flight, so with 1,280 in flight each waited
/// about 9 s and most reached a 10 s deadline with their server up. The loop's lateness
/// is the direct measure of that wait, and it does not rise for a dead server (a probe
/// waiting for its timeout costs the loop nothing), so it is what the limit follows:
/// - late (`tooLate` or more): the limit shrinks by a quarter;
/// - on time (under `onTime`) while probes had to wait for a slot: it grows, doubling
///   until the loop was first found late, then by a sixteenth;
/// - always within `floor...ceiling` (the ceiling is what open files allow).
/// Probes beyond the limit wait their turn, so a server is checked less often than its
/// interval when there are more checks than the director can run, never marked down
/// because the director was busy.
public struct AdmissionLimit: Sendable, Equatable {
    public let floor: Int
    public let ceiling: Int
    public private(set) var current: Int
    private var doubling = true

    public static let tooLate: Duration = .milliseconds(250)
    public static let onTime: Duration = .milliseconds(50)
    /// How often the loop's lateness is sampled.
    public static let samplingInterval: Duration = .milliseconds(100)

    public init(ceiling: Int, floor: Int = 32, initial: Int = 64) {
        self.ceiling = max(ceiling, 1)
        self.floor = min(max(floor, 1), self.ceiling)
        current = min(max(initial, self.floor), self.ceiling)
    }

    /// Takes one sample: how late the loop ran a task due now, and whether any probe
    /// waited for a slot since the last sample.
    public mutating func observe(lateness: Duration, probesWaited: Bool) {
        if lateness >= Self.tooLate {
            current = max(floor, current - current / 4)
            doubling = false
        } else if lateness < Self.onTime && probesWaited {
            current = min(ceiling, doubling ? current * 2 : current + max(1, current / 16))
        }
    }
}
