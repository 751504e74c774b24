import IPVSKit

/// The one-line answers of `-L --timeout` and `-L --daemon` (`-n` changes nothing here).
public enum StatusLines {
    /// `Timeout (tcp tcpfin udp): 900 120 300`
    public static func timeouts(_ timeouts: Timeouts) -> String {
        "Timeout (tcp tcpfin udp): " + PrintfPadding.signed(timeouts.tcp) + " " + PrintfPadding.signed(timeouts.tcpFin)
            + " " + PrintfPadding.signed(timeouts.udp) + "\n"
    }

    /// One line per running daemon, the master first, then the backup; "" when none runs.
    /// `master sync daemon (mcast=dummy0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)`
    public static func daemons(_ daemons: [SyncDaemon]) -> String {
        let ordered = daemons.filter { $0.state == .master } + daemons.filter { $0.state == .backup }
        return ordered.map(daemonLine).joined()
    }

    /// One daemon; maxlen, port and ttl appear only when non-zero, the group only when the
    /// kernel reported one.
    static func daemonLine(_ daemon: SyncDaemon) -> String {
        var line =
            "\(daemon.state) sync daemon (mcast=\(daemon.multicastInterface), syncid="
            + PrintfPadding.signed(daemon.syncID)
        if let maxLength = daemon.maxLength, maxLength != 0 { line += ", maxlen=\(maxLength)" }
        if let group = daemon.group { line += ", group=\(group)" }
        if let port = daemon.port, port != 0 { line += ", port=\(port)" }
        if let ttl = daemon.ttl, ttl != 0 { line += ", ttl=\(ttl)" }
        return line + ")\n"
    }
}
