import Glibc
import IPVSKit

/// Timeouts and connection-sync daemons.
func registerConfigurationChecks(_ suite: Suite) {
    suite.check("timeouts: defaults, set, and 0 keeps a value") { client in
        try expectEqual(try client.timeouts(), Timeouts(tcp: 900, tcpFin: 120, udp: 300), "defaults")
        try client.setTimeouts(Timeouts(tcp: 1000, tcpFin: 100, udp: 200))
        try expectEqual(try client.timeouts(), Timeouts(tcp: 1000, tcpFin: 100, udp: 200), "after set")
        try client.setTimeouts(Timeouts(tcp: 0, tcpFin: 0, udp: 400))
        try expectEqual(try client.timeouts(), Timeouts(tcp: 1000, tcpFin: 100, udp: 400), "after partial set")
        try expectEqual(
            shell("ipvsadm -L --timeout").output, "Timeout (tcp tcpfin udp): 1000 100 400", "ipvsadm --timeout")
    }

    suite.check("sync daemon: master with kernel defaults, listed, stopped") { client in
        try expectEqual(try client.daemons(), [], "daemons before")
        try client.startDaemon(SyncDaemon(state: .master, multicastInterface: "dummy0", syncID: 5))
        try letSyncThreadsStart()
        let listed = try client.daemons()
        try expectEqual(listed.count, 1, "daemon count")
        let master = listed[0]
        try expectEqual(master.state, .master, "state")
        try expectEqual(master.multicastInterface, "dummy0", "interface")
        try expectEqual(master.syncID, 5, "sync id")
        try expectEqual(master.group, ip("224.0.0.81"), "default group")
        try expectEqual(master.port, 8848, "default port")
        try expectEqual(master.ttl, 1, "default ttl")
        try expectEqual(
            shell("ipvsadm -L --daemon").output,
            "master sync daemon (mcast=dummy0, syncid=5, maxlen=\(master.maxLength ?? 0), group=224.0.0.81, port=8848, ttl=1)",
            "ipvsadm --daemon")
        try client.stopDaemon(.master)
        try expectEqual(try client.daemons(), [], "daemons after stop")
    }

    suite.check("sync daemons: master and backup with every option, IPv4 and IPv6 groups") { client in
        try client.startDaemon(
            SyncDaemon(
                state: .master, multicastInterface: "dummy0", syncID: 7, maxLength: 1400, group: ip("224.0.0.90"),
                port: 8850, ttl: 3))
        try client.startDaemon(
            SyncDaemon(state: .backup, multicastInterface: "dummy0", syncID: 8, group: ip("ff02::81"), port: 8851))
        try letSyncThreadsStart()
        let listed = try client.daemons()
        try expectEqual(listed.map(\.state), [.master, .backup], "daemon order")
        try expectEqual(listed[0].group, ip("224.0.0.90"), "master group")
        try expectEqual(listed[0].port, 8850, "master port")
        try expectEqual(listed[0].ttl, 3, "master ttl")
        try expectEqual(listed[0].syncID, 7, "master sync id")
        try expectEqual(listed[1].group, ip("ff02::81"), "backup group")
        try expectEqual(listed[1].port, 8851, "backup port")
        try expectEqual(listed[1].syncID, 8, "backup sync id")
        let reference = shell("ipvsadm -L --daemon").output
        try expect(
            reference.contains("master sync daemon (mcast=dummy0, syncid=7, maxlen="),
            "ipvsadm sees master: \(reference)")
        try expect(reference.contains("group=ff02::81, port=8851"), "ipvsadm sees backup: \(reference)")
    }

    suite.check("sync daemon errors: running twice, none running, missing interface") { client in
        let master = SyncDaemon(state: .master, multicastInterface: "dummy0")
        try client.startDaemon(master)
        try expectError(.daemonRunning, errno: Errno.EEXIST) { try client.startDaemon(master) }
        try letSyncThreadsStart()
        try client.stopDaemon(.master)
        try expectError(.noDaemon, errno: Errno.ESRCH) { try client.stopDaemon(.master) }
        try expectError(.other, errno: Errno.ENODEV) {
            try client.startDaemon(SyncDaemon(state: .backup, multicastInterface: "nosuch0"))
        }
    }
}

/// Stopping a sync daemon whose kernel thread has not run yet ends in EINTR, which the
/// kernel does not acknowledge (see NetlinkSocket.answerTimeoutMilliseconds); under
/// emulation a new thread can take a while to be scheduled.
func letSyncThreadsStart() throws {
    usleep(300_000)
}

/// The stop of a daemon that was started a moment ago: the client must come back (with
/// success or the kernel's EINTR), never hang.
func registerUnansweredRequestCheck(_ suite: Suite) {
    suite.check("stopping a daemon right after its start returns") { client in
        try client.startDaemon(SyncDaemon(state: .backup, multicastInterface: "dummy0"))
        do {
            try client.stopDaemon(.backup)
        } catch let error as IPVSError where error.errno == 4 {
            // EINTR: the kernel stopped a thread that had not run, and sent no answer.
        }
        _ = shell("timeout 10 ipvsadm --stop-daemon backup")
        try expectEqual(try client.daemons(), [], "daemons left")
    }
}
