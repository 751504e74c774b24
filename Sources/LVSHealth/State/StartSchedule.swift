/// When each probe first runs: spread evenly over its interval, so ten thousand checks
/// with a 1 s interval start ten thousand times a second at an even pace, not all at once.
///
/// Deterministic: targets sharing an interval are spaced `interval / n` apart in the order
/// given (the configuration's order), so a test, or a restart with the same file, sees the
/// same schedule. Each later run of a target is one interval after the start of its last.
public enum StartSchedule {
    public static func firstRuns(of targets: [ProbeTarget], from start: HealthInstant) -> [ProbeTarget: HealthInstant] {
        var groups: [Duration: [ProbeTarget]] = [:]
        var seen: Set<ProbeTarget> = []
        for target in targets where seen.insert(target).inserted {
            groups[target.timing.interval, default: []].append(target)
        }
        var runs: [ProbeTarget: HealthInstant] = [:]
        for (interval, members) in groups {
            for (index, target) in members.enumerated() {
                runs[target] = start + interval / members.count * index
            }
        }
        return runs
    }
}
