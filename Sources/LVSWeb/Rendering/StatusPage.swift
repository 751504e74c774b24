import IPVSKit
import LVSCommandLine
import LVSDaemon
import LVSHealth

/// The status page at `/`: the table as `lvsadm -L -n --stats --rate` shows it (totals
/// and rates, exact), and for each real server lvsadmd manages its health, its last
/// check's result and age, its configured and current weight and its maintenance. Plain
/// HTML: it refreshes itself with a meta tag (no JavaScript), and the table scrolls
/// sideways on a narrow screen rather than shrinking the text. lvsadmd's columns come
/// right after the address, so health and weight are seen without scrolling.
public enum StatusPage {
    public static let refreshSeconds = 5

    public static func render(_ view: DirectorView) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="\(refreshSeconds)">
            <title>lvsadmd: IPVS director</title>
            <style>\(style)</style>
            </head><body>
            <h1>IPVS director</h1>
            <p>IP Virtual Server version \(view.info.major).\(view.info.minor).\(view.info.patch) \
            (size=\(view.info.connectionTableSize)); \(view.listed.count) service\(view.listed.count == 1 ? "" : "s"); \
            lvsadmd up \(view.at.sinceOrigin.secondsText); this page refreshes every \(refreshSeconds) s.</p>
            <div class="scroll"><table>
            <thead><tr><th>Prot LocalAddress:Port</th><th>Health</th><th>Weight</th><th>Configured</th>\
            <th>Maintenance</th><th>Last check</th><th>Scheduler</th><th>Forward</th><th>ActiveConn</th><th>InActConn</th>\
            <th>Conns</th><th>InPkts</th><th>OutPkts</th><th>InBytes</th><th>OutBytes</th>\
            <th>CPS</th><th>InPPS</th><th>OutPPS</th><th>InBPS</th><th>OutBPS</th></tr></thead>

            """
        for listed in view.listed {
            html += serviceRow(listed, name: view.names[listed.entry.service.id])
            for entry in ListingOrder.sortedRealServers(listed.realServers) {
                html += serverRow(entry, of: listed.entry.service.id, view: view)
            }
            html += missingRows(listed, view: view)
        }
        html += "</table></div>\n"
        html += "<p>Also: <a href=\"/metrics\">/metrics</a>, <a href=\"/api/v1/table\">/api/v1/table</a>, "
        html += "<a href=\"/api/v1/health\">/api/v1/health</a>.</p>\n</body></html>\n"
        return html
    }

    private static let style = """
        body{font-family:sans-serif;margin:0.5em}\
        .scroll{overflow-x:auto}\
        table{border-collapse:collapse;font-variant-numeric:tabular-nums}\
        th,td{padding:0.2em 0.5em;border-bottom:1px solid #ccc;text-align:right;white-space:nowrap}\
        th:first-child,td:first-child{text-align:left;position:sticky;left:0;background:#fff}\
        tr.service td{font-weight:bold;background:#eef}\
        tr.down td,tr.missing td{background:#fdd}\
        tr.maintenance td{background:#ffd}\
        td.health{font-weight:bold;text-align:left}\
        span.name{font-weight:normal;color:#444}
        """

    /// The service's line, with its configured name (if any) after the address.
    private static func serviceRow(_ listed: ListedService, name configured: String?) -> String {
        let service = listed.entry.service
        let flags = JSONNames.serviceFlagList(service.flags.subtracting(.hashed), scheduler: service.scheduler)
        let scheduler = ([service.scheduler] + flags).joined(separator: " ")
        let name = serviceName(service.id)
        let named = configured.map { " <span class=\"name\">\(HTMLText.escaped($0))</span>" } ?? ""
        let nameAttribute = configured.map { " data-name=\"\(HTMLText.escaped($0))\"" } ?? ""
        return "<tr class=\"service\" data-service=\"\(HTMLText.escaped(name))\"\(nameAttribute)>"
            + "<td>\(HTMLText.escaped(name))\(named)</td>"
            + cells(Array(repeating: "", count: 5)) + cells([scheduler, "", "", ""])
            + statisticsCells(listed.entry.statistics) + "</tr>\n"
    }

    private static func serverRow(_ entry: RealServerEntry, of service: ServiceID, view: DirectorView) -> String {
        let server = entry.server
        let managed = view.managed(server.id, of: service)
        let address = MetricsLabels.endpoint(server.address, server.port)
        var classes = ["server"]
        if let managed {
            if !managed.healthy { classes.append("down") }
            if managed.maintenance { classes.append("maintenance") }
        }
        return
            "<tr class=\"\(classes.joined(separator: " "))\" data-server=\"\(HTMLText.escaped(address))\">"
            + "<td>&nbsp;&nbsp;-&gt; \(HTMLText.escaped(address))</td>"
            + managedCells(managed, weight: "\(server.weight)", view: view)
            + cells([
                "", JSONNames.forwardingName(server.forwarding), "\(entry.connections.active)",
                "\(entry.connections.inactive)",
            ]) + statisticsCells(entry.statistics) + "</tr>\n"
    }

    /// Managed real servers that are not in the kernel's entry: taken out (`on-failure=
    /// remove`, or a sorry server while enough are healthy), or not written yet.
    private static func missingRows(_ listed: ListedService, view: DirectorView) -> String {
        let present = Set(listed.realServers.map(\.server.id))
        var html = ""
        for managed in view.managed
        where managed.service == listed.entry.service.id && !present.contains(managed.server) {
            let address = MetricsLabels.endpoint(managed.server.address, managed.server.port)
            let classes = managed.health == .sorry ? "server out" : "server missing" + (managed.healthy ? "" : " down")
            html += "<tr class=\"\(classes)\" data-server=\"\(HTMLText.escaped(address))\">"
            html += "<td>&nbsp;&nbsp;-&gt; \(HTMLText.escaped(address))</td>"
            html += managedCells(managed, weight: "out", view: view)
            html += cells(["", JSONNames.forwardingName(managed.forwarding), "", ""])
            html += cells(Array(repeating: "", count: 10)) + "</tr>\n"
        }
        return html
    }

    /// Health, the weight (`weight`: the kernel's), the configured weight, maintenance and
    /// the last check.
    private static func managedCells(_ managed: ManagedServerView?, weight: String, view: DirectorView) -> String {
        guard let managed else { return cells(["not managed", weight, "", "", ""]) }
        var health = managed.health.rawValue
        if managed.health == .unknown { health += managed.healthy ? " (as found: up)" : " (as found: down)" }
        if let since = managed.since { health += ", for \(since.secondsText)" }
        if managed.source != "sorry" { health += " [\(managed.source)]" }
        var last = "-"
        if let target = managed.target, let run = view.checks.first(where: { $0.target == target })?.record.last {
            let verdict = run.outcome.isPass ? "passed" : "failed: \(run.outcome)"
            last = "\(verdict), \((view.at - run.at).secondsText) ago"
            if let duration = run.duration {
                let (seconds, attoseconds) = duration.components
                last += " (took \(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms)"
            }
        }
        return "<td class=\"health\">\(HTMLText.escaped(health))</td>"
            + cells([weight, "\(managed.configuredWeight)", managed.maintenance ? "on" : "off", last])
    }

    private static func statisticsCells(_ statistics: Statistics) -> String {
        cells(
            [
                statistics.connections, statistics.inPackets, statistics.outPackets, statistics.inBytes,
                statistics.outBytes, statistics.connectionRate, statistics.inPacketRate, statistics.outPacketRate,
                statistics.inByteRate, statistics.outByteRate,
            ].map { String($0) })
    }

    private static func cells(_ texts: [String]) -> String {
        texts.map { "<td>\(HTMLText.escaped($0))</td>" }.joined()
    }

    /// `TCP  10.0.0.1:80`, `FWM  42`, as `lvsadm -L -n` begins a service line.
    static func serviceName(_ id: ServiceID) -> String {
        switch id {
        case .address(let proto, let address, let port):
            "\(JSONNames.protocolName(proto).uppercased())  \(MetricsLabels.endpoint(address, port))"
        case .firewallMark(let mark, let family): family == .inet6 ? "FWM  \(mark) IPv6" : "FWM  \(mark)"
        }
    }
}
