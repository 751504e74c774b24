import IPVSKit
import LVSHealth

/// `lvsadmd ctl status`: each managed service, each of its real servers with the weight
/// lvsadmd wants, the health behind it and since when, and the sorry server, as a plain
/// table an operator reads, columns aligned.
extension Director {
    public func statusTable() -> String {
        let judge = ServerHealth(health: health, asFound: asFound)
        let desired = DesiredTable.services(
            for: configuration, health: health, maintenance: maintenance, asFound: asFound)
        var rows = [["SERVICE", "SERVER", "WEIGHT", "STATE", "SINCE", "CHECK"]]
        let clock = now()
        for (managed, wanted) in zip(configuration.services, desired) {
            let service = ServiceText.options(managed.service.id)
            for entry in managed.servers {
                let id = entry.server.id
                let weight = wanted.realServers.first { $0.id == id }.map { "\($0.weight)" } ?? "out"
                var state: String
                var since = "-"
                var check = "-"
                switch entry.health {
                case .alwaysUp: state = "up"
                case .asFound: state = judge.isHealthy(entry, of: managed.service.id) ? "up" : "down"
                case .probe(let target):
                    let current = health[target]
                    state = current?.state.description ?? "unknown"
                    since = current.map { (clock - $0.since).secondsText } ?? "-"
                    check = target.kind.name
                }
                if maintenance.covers(id, of: managed.service.id) { state += ",maintenance" }
                rows.append([service, "\(id)", weight, state, since, check])
            }
            if let sorry = managed.sorry {
                let inService = wanted.realServers.contains { $0.id == sorry.server.id }
                rows.append([
                    service, "\(sorry.server.id)", inService ? "\(sorry.server.weight)" : "out", "sorry", "-", "-",
                ])
            }
        }
        return Self.aligned(rows)
    }

    static func aligned(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
