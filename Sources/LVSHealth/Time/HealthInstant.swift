/// A point in time on the daemon's clock: how long after the clock's origin. The core never
/// reads a clock itself; the daemon passes the time in (from `ContinuousClock`), tests pass
/// a scripted one, so every transition and its timestamp is reproducible.
public struct HealthInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var sinceOrigin: Duration

    public init(sinceOrigin: Duration) { self.sinceOrigin = sinceOrigin }

    public static let origin = HealthInstant(sinceOrigin: .zero)

    public static func seconds(_ value: Double) -> HealthInstant { HealthInstant(sinceOrigin: .seconds(value)) }

    public static func < (a: Self, b: Self) -> Bool { a.sinceOrigin < b.sinceOrigin }

    public static func + (instant: Self, duration: Duration) -> Self {
        HealthInstant(sinceOrigin: instant.sinceOrigin + duration)
    }

    public static func - (a: Self, b: Self) -> Duration { a.sinceOrigin - b.sinceOrigin }

    public var description: String { "t+" + sinceOrigin.secondsText }
}

extension Duration {
    /// Seconds with one decimal and a unit, as log lines give them: `1.0 s`, `0.3 s`. Rounded
    /// to the nearest tenth; no Foundation formatter needed.
    public var secondsText: String {
        let (seconds, attoseconds) = components
        let tenthsTotal = seconds * 10 + (attoseconds + 50_000_000_000_000_000) / 100_000_000_000_000_000
        let sign = tenthsTotal < 0 ? "-" : ""
        let magnitude = tenthsTotal.magnitude
        return "\(sign)\(magnitude / 10).\(magnitude % 10) s"
    }
}
