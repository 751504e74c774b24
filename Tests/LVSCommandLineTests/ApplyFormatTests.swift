import IPVSKit
import Testing

@testable import LVSCommandLine

/// The arguments of apply/diff and the ipvsadm lines diff prints.
@Suite struct ApplyFormatTests {
    @Test func argumentsOfApply() throws {
        #expect(try ApplyArguments.parse(.apply, []) == ApplyArguments(mode: .apply))
        #expect(
            try ApplyArguments.parse(.apply, ["--drain", "30", "--dry-run", "rules"])
                == ApplyArguments(mode: .apply, dryRun: true, drainSeconds: 30, path: "rules"))
        #expect(try ApplyArguments.parse(.apply, ["--drain=5", "-"]) == ApplyArguments(mode: .apply, drainSeconds: 5))
        #expect(try ApplyArguments.parse(.apply, ["--", "-odd-name"]).path == "-odd-name")
        #expect(try ApplyArguments.parse(.diff, []).dryRun)
    }

    @Test(arguments: [
        (ApplyArguments.Mode.apply, ["--drain"], "--drain needs a number of seconds"),
        (.apply, ["--drain", "soon"], "--drain: `soon' is not a number of seconds"),
        (.apply, ["a", "b"], "more than one input file"),
        (.diff, ["--dry-run"], "unknown option `--dry-run'"),
        (.apply, ["-A"], "unknown option `-A'"),
    ])
    func badArguments(mode: ApplyArguments.Mode, arguments: [String], message: String) {
        #expect(throws: ApplyArguments.UsageError(message: message)) { try ApplyArguments.parse(mode, arguments) }
    }

    func line(_ request: IPVSRequest) -> String { ChangeFormat.line(request, resolver: TableResolver()) }

    @Test func linesForEveryRequestThePlannerMakes() throws {
        let mark = ServiceID.firewallMark(7, family: .inet6)
        let server = RealServer(
            address: .v6(try #require(IPv6Address("2001:db8::2"))), port: 0, forwarding: .tunnel, weight: 3,
            tunnelType: .gre, tunnelFlags: .checksum)
        var persistent = VirtualService(id: mark, scheduler: "sh", flags: [.persistent, .shPort], timeout: 60)
        persistent.netmask = .ipv6(prefixLength: 64)
        #expect(line(.editService(persistent)) == "-E -f 7 -6 -s sh -p 60 -M 64 -b sh-port\n")
        #expect(line(.deleteService(mark)) == "-D -f 7 -6\n")
        #expect(
            line(.editRealServer(server, service: mark))
                == "-e -f 7 -6 -r [2001:db8::2]:0 -i -w 3 --tun-type gre --tun-csum\n")
        #expect(line(.deleteRealServer(server.id, service: mark)) == "-d -f 7 -6 -r [2001:db8::2]:0\n")
        #expect(line(.setTimeouts(Timeouts(tcp: 10, tcpFin: 0, udp: 5))) == "--set 10 0 5\n")
        #expect(
            line(
                .startDaemon(SyncDaemon(state: .backup, multicastInterface: "eth1", syncID: 3, group: v4(239, 1, 1, 1)))
            )
                == "--start-daemon backup --mcast-interface eth1 --syncid 3 --mcast-group 239.1.1.1\n")
        #expect(line(.stopDaemon(.master)) == "--stop-daemon master\n")
    }

    @Test func everyLineParsesBackToItsRequest() throws {
        let web = tcp(v4(10, 0, 0, 1), 80)
        let requests: [IPVSRequest] = [
            .addService(VirtualService(id: web, scheduler: "rr", flags: [.persistent], timeout: 300)),
            .editService(VirtualService(id: web, scheduler: "wlc")),
            .addRealServer(
                RealServer(address: v4(10, 0, 1, 1), port: 8080, forwarding: .masquerade, weight: 2), service: web),
            .editRealServer(
                RealServer(
                    address: v4(10, 0, 1, 2), port: 80, forwarding: .directRoute, weight: 0, upperThreshold: 9,
                    lowerThreshold: 1),
                service: web),
            .deleteRealServer(RealServerID(address: v4(10, 0, 1, 3), port: 80), service: web),
            .deleteService(web),
            .setTimeouts(Timeouts(tcp: 1, tcpFin: 2, udp: 3)),
            .startDaemon(SyncDaemon(state: .master, multicastInterface: "eth0", syncID: 4)),
            .stopDaemon(.backup),
        ]
        for request in requests {
            let text = line(request)
            #expect(try parse(String(text.dropLast())).request == request, "\(text)")
        }
    }
}
