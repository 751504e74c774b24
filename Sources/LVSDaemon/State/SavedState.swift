import IPVSKit
import LVSHealth

/// What lvsadmd keeps across a restart: the decided health of each checked backend, and the
/// maintenance entries. A restarted lvsadmd thus does not put back a server it knew was
/// down, nor end an operator's drain.
///
/// Health is kept by check kind and endpoint (`connect 10.0.0.11:80`), not by every setting
/// of the check: a restart with a retuned timeout still knows the server was down. Only
/// `up` and `down` are kept; `unknown` is what a fresh start has anyway.
public struct SavedState: Hashable, Sendable {
    public var health: [String: HealthState]
    public var maintenance: Maintenance

    public init(health: [String: HealthState] = [:], maintenance: Maintenance = Maintenance()) {
        self.health = health
        self.maintenance = maintenance
    }

    public init(states: HealthStates, maintenance: Maintenance) {
        var health: [String: HealthState] = [:]
        for (target, state) in states.byTarget where state.state != .unknown {
            health[Self.key(target)] = state.state
        }
        self.init(health: health, maintenance: maintenance)
    }

    static func key(_ target: ProbeTarget) -> String { "\(target.kind.name) \(target.endpoint)" }

    /// The states of `targets`: each as saved when its key was, else its initial state.
    /// The time of each is `now`, so `hold` counts from the restart.
    public func states(for targets: [ProbeTarget], at now: HealthInstant) -> HealthStates {
        var byTarget: [ProbeTarget: TargetHealth] = [:]
        for target in targets where byTarget[target] == nil {
            if let saved = health[Self.key(target)] {
                byTarget[target] = TargetHealth(state: saved, since: now)
            } else {
                byTarget[target] = TargetHealth(initial: target.initial, at: now)
            }
        }
        return HealthStates(byTarget: byTarget)
    }
}

/// The state file's text: one fact per line, sorted, so two saves of the same state are the
/// same bytes and a diff of two files reads.
///
/// ```
/// health down connect 10.0.0.11:80
/// maintenance host 10.0.0.12
/// maintenance server 10.0.0.13:80
/// maintenance server 10.0.0.14:80 -t 10.0.0.100:80
/// ```
public enum StateFileFormat {
    static let header = "# lvsadmd state: written by lvsadmd on every change; do not edit while it runs\n"

    public static func text(_ state: SavedState) -> String {
        var lines: [String] = []
        for (key, health) in state.health { lines.append("health \(health) \(key)") }
        for entry in state.maintenance.entries {
            switch entry {
            case .host(let address): lines.append("maintenance host \(address)")
            case .server(let id): lines.append("maintenance server \(id)")
            case .serverOfService(let id, let service):
                lines.append("maintenance server \(id) \(ServiceText.options(service))")
            }
        }
        return header + lines.sorted().map { $0 + "\n" }.joined()
    }

    /// Reads a state file; a line it cannot read is skipped and reported (the file is
    /// lvsadmd's own, but a bad line must not keep the director from starting).
    public static func read(_ text: String) -> (state: SavedState, problems: [String]) {
        var state = SavedState()
        var problems: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(separator: " ").map(String.init)
            guard let first = words.first, !first.hasPrefix("#") else { continue }
            do throws(TextError) {
                try read(words, into: &state)
            } catch {
                problems.append("line \(index + 1): \(error)")
            }
        }
        return (state, problems)
    }

    private static func read(_ words: [String], into state: inout SavedState) throws(TextError) {
        switch (words[0], words.count) {
        case ("health", 4...):
            guard let health = HealthState(rawValue: words[1]), health != .unknown else {
                throw TextError("health must be up or down, not \(words[1])")
            }
            state.health[words[2...].joined(separator: " ")] = health
        case ("maintenance", 3) where words[1] == "host":
            let (address, port) = try ServiceText.server(words[2])
            guard port == nil else { throw TextError("a host has no port: \(words[2])") }
            state.maintenance.entries.insert(.host(address))
        case ("maintenance", 3...) where words[1] == "server":
            let (address, port) = try ServiceText.server(words[2])
            guard let port else { throw TextError("a server needs a port: \(words[2])") }
            let id = RealServerID(address: address, port: port)
            if words.count == 3 {
                state.maintenance.entries.insert(.server(id))
            } else {
                state.maintenance.entries.insert(.serverOfService(id, try ServiceText.service(Array(words[3...]))))
            }
        default:
            throw TextError("not a state line: \(words.joined(separator: " "))")
        }
    }
}
