import IPVSKit

/// Where lvsadm's output deliberately differs from ipvsadm 1.31. Everything else is meant
/// to be byte-identical; each difference here fixes output that loses or corrupts data,
/// and each is listed in Docs/compatibility.md.
enum IpvsadmDeviation {
    /// **fwmarks print unsigned.** ipvsadm prints a mark with `%d`, so 4294967295 lists
    /// as `FWM  -1` and saves as `-f -1`, which `ipvsadm -R` then rejects (marks must be
    /// 1..4294967295). lvsadm prints `FWM  4294967295` and `-f 4294967295`, which restore.
    static func firewallMarkText(_ mark: UInt32) -> String {
        String(mark)
    }

    /// **`-S` keeps thresholds.** ipvsadm never writes `-x`/`-y`, so a save/restore cycle
    /// silently drops them. lvsadm appends ` -x N` and ` -y N` (each only when non-zero,
    /// so rules without thresholds are byte-identical) right after ` -w N` and before any
    /// tunnel options. `ipvsadm -R` accepts `-x`/`-y` with `-a` in any position (popt
    /// takes options in any order), so the output still restores with ipvsadm.
    static func savedThresholds(_ server: RealServer) -> String {
        var text = ""
        if server.upperThreshold != 0 { text += " -x \(server.upperThreshold)" }
        if server.lowerThreshold != 0 { text += " -y \(server.lowerThreshold)" }
        return text
    }

    /// **Real-server counters are 64-bit.** libipvs copies a real server's counters into
    /// the 32-bit `struct ip_vs_stats_user`, so past 2^32 ipvsadm's `--stats`/`--rate`
    /// real-server columns wrap around. lvsadm prints the kernel's 64-bit values.
    static func realServerStatistics(_ entry: RealServerEntry) -> Statistics {
        entry.statistics
    }
}
