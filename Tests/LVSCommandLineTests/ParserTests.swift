import IPVSKit
import LVSCommandLine
import Testing

/// Good command lines and the `Command` each must give, defaults included.
@Suite struct ParserTests {
    let vip = v4(1, 2, 3, 4)

    @Test func noArgumentsListsWithNames() throws {
        #expect(
            try CommandLineParser(programName: "ipvsadm", resolver: TableResolver()).parse([]) == .list(ListRequest()))
    }

    @Test func addServiceDefaults() throws {
        #expect(try parse("-A -t 1.2.3.4:80") == .addService(VirtualService(id: tcp(vip, 80), scheduler: "wlc")))
    }

    @Test func combinedShortOptionsAndAttachedValues() throws {
        #expect(try parse("-At 1.2.3.4:80 -srr") == .addService(VirtualService(id: tcp(vip, 80), scheduler: "rr")))
        let expected = Command.addService(
            VirtualService(id: tcp(vip, 80), flags: .persistent, timeout: 600))
        #expect(try parse("-A -t 1.2.3.4:80 -p600") == expected)
        #expect(try parse("-A -t 1.2.3.4:80 -p 600") == expected)
        #expect(try parse("-A -t 1.2.3.4:80 --persistent=600") == expected)
        #expect(try parse("-A -t 1.2.3.4:80 -p=600") == expected)
        #expect(try parse("--add-service --tcp-service=1.2.3.4:80 --persistent 600") == expected)
    }

    @Test func persistentWithoutValueIs360AndDoesNotEatOptions() throws {
        let expected = Command.addService(
            VirtualService(id: tcp(vip, 0), scheduler: "sh", flags: .persistent, timeout: 360))
        #expect(try parse("-A -t 1.2.3.4 -p -s sh") == expected)
        #expect(try parse("-A -t 1.2.3.4 -s sh -p") == expected)
    }

    @Test func editServiceIsAFullReplacement() throws {
        #expect(try parse("-E -t 1.2.3.4:80") == .editService(VirtualService(id: tcp(vip, 80), scheduler: "wlc")))
    }

    @Test func serviceFlagsAndEngine() throws {
        let id = ServiceID.address(.udp, v4(10, 0, 0, 1), port: 53)
        #expect(
            try parse("-A -u 10.0.0.1:53 -s sh -o -b sh-fallback,sh-port --pe sip")
                == .addService(
                    VirtualService(
                        id: id, scheduler: "sh", flags: [.onePacket, .shFallback, .shPort], persistenceEngine: "sip")))
        // -b may come before -s.
        #expect(
            try parse("-A -u 10.0.0.1:53 -b mh-port -s mh")
                == .addService(VirtualService(id: id, scheduler: "mh", flags: [.mhPort])))
    }

    @Test func emptySchedulerAndEngineCountAsNotGiven() throws {
        let parser = CommandLineParser(programName: "ipvsadm", resolver: TableResolver())
        let id = tcp(vip, 80)
        #expect(
            try parser.parse(["-A", "-t", "1.2.3.4:80", "-s", ""])
                == .addService(VirtualService(id: id, scheduler: "wlc")))
        #expect(
            try parser.parse(["-E", "-t", "1.2.3.4:80", "-s", ""])
                == .editService(VirtualService(id: id, scheduler: "wlc")))
        #expect(
            try parser.parse(["-A", "-t", "1.2.3.4:80", "--pe", ""])
                == .addService(VirtualService(id: id, scheduler: "wlc")))
    }

    @Test func emptySchedulerFlagsMeanNone() throws {
        let parser = CommandLineParser(programName: "ipvsadm", resolver: TableResolver())
        let id = tcp(vip, 80)
        let plain = VirtualService(id: id, scheduler: "sh")
        #expect(try parser.parse(["-A", "-t", "1.2.3.4:80", "-s", "sh", "-b", ""]) == .addService(plain))
        #expect(try parser.parse(["-E", "-t", "1.2.3.4:80", "-s", "sh", "--sched-flags="]) == .editService(plain))
        // Empty words between commas are skipped.
        let port = VirtualService(id: id, scheduler: "sh", flags: [.shPort])
        #expect(try parse("-A -t 1.2.3.4:80 -s sh -b ,sh-port") == .addService(port))
        #expect(try parse("-A -t 1.2.3.4:80 -s sh -b sh-port,") == .addService(port))
    }

    @Test func netmaskForms() throws {
        func mask(_ line: String) throws -> Netmask? {
            if case .addService(let s) = try parse(line) { return s.netmask }
            return nil
        }
        #expect(try mask("-A -t 1.2.3.4:80 -p -M 255.255.255.0") == .ipv4(IPv4Address(255, 255, 255, 0)))
        #expect(try mask("-A -t 1.2.3.4:80 -p -M 24") == .ipv4(IPv4Address(0, 0, 0, 24)))
        #expect(try mask("-A -t 1.2.3.4:80 -p -M 0xffffff00") == .ipv4(IPv4Address(255, 255, 255, 0)))
        #expect(try mask("-A -t 1.2.3.4:80 -p -M localhost") == .ipv4(IPv4Address(127, 0, 0, 1)))
        // -M before an IPv6 service is lost; after it, a prefix length read with atoi.
        #expect(try mask("-A -M 24 -t [2001:db8::1]:80") == .ipv6(prefixLength: 128))
        #expect(try mask("-A -t [2001:db8::1]:80 -M 64abc") == .ipv6(prefixLength: 64))
        #expect(try mask("-A -M 255.0.0.0 -f 1 -6") == .ipv6(prefixLength: 128))
        #expect(try mask("-A -f 1 -6 -M 48") == .ipv6(prefixLength: 48))
        #expect(try mask("-A -M 255.0.0.0 -t 1.2.3.4:80") == .ipv4(IPv4Address(255, 0, 0, 0)))
    }

    @Test func addressQuirks() throws {
        func id(_ line: String) throws -> ServiceID? {
            if case .deleteService(let id) = try parse(line) { return id }
            return nil
        }
        let v6 = IPAddress.v6(IPv6Address("2001:db8::5:80") ?? IPv6Address(high: 0, low: 0))
        #expect(try id("-D -t 2001:db8::5:80") == .address(.tcp, v6, port: 0))
        #expect(
            try id("-D -t [2001:db8::5]:80")
                == .address(.tcp, .v6(IPv6Address("2001:db8::5") ?? IPv6Address(high: 0, low: 0)), port: 80))
        #expect(try id("-D -t [1.2.3.18]:80") == tcp(v4(1, 2, 3, 18), 0))
        #expect(try id("-D -t 1.2.3:80") == tcp(v4(1, 2, 0, 3), 80))
        #expect(try id("-D -t 0x0a000001:80") == tcp(v4(10, 0, 0, 1), 80))
        #expect(try id("-D -t 167772161:80") == tcp(v4(10, 0, 0, 1), 80))
        #expect(try id("-D -t 010.0.0.1:80") == tcp(v4(8, 0, 0, 1), 80))
        #expect(try id("-D -t web.example.test:http") == tcp(v4(10, 0, 0, 1), 80))
        #expect(try id("-D -u 10.0.0.1:domain") == .address(.udp, v4(10, 0, 0, 1), port: 53))
        #expect(try id("-D --sctp-service 10.0.0.1:http") == .address(.sctp, v4(10, 0, 0, 1), port: 80))
        #expect(try id("-D -t 1.2.3.4:+80") == tcp(vip, 80))
        #expect(try id("-D -f 010") == .firewallMark(10, family: .inet))
        #expect(try id("-D -f 4294967295 -6") == .firewallMark(4_294_967_295, family: .inet6))
    }

    @Test func realServerDefaultsAndPorts() throws {
        // -g (default) forces the service port.
        #expect(
            try parse("-a -t 1.2.3.4:80 -r 10.0.0.2:8080")
                == .addRealServer(RealServer(address: v4(10, 0, 0, 2), port: 80), service: tcp(vip, 80)))
        #expect(
            try parse("-a -t 1.2.3.4:80 -r 10.0.0.2:http-alt -m -w 5 -x 10 -y 2")
                == .addRealServer(
                    RealServer(
                        address: v4(10, 0, 0, 2), port: 8080, forwarding: .masquerade, weight: 5, upperThreshold: 10,
                        lowerThreshold: 2),
                    service: tcp(vip, 80)))
        // -r before the service: no port known yet.
        #expect(
            try parse("-a -r 10.0.0.1 -t 1.2.3.4:80 -m")
                == .addRealServer(
                    RealServer(address: v4(10, 0, 0, 1), port: 0, forwarding: .masquerade), service: tcp(vip, 80)))
        #expect(
            try parse("-e -t 1.2.3.4:80 -r 10.0.0.1 -m")
                == .editRealServer(
                    RealServer(address: v4(10, 0, 0, 1), port: 80, forwarding: .masquerade), service: tcp(vip, 80)))
        // -d keeps the given port.
        #expect(
            try parse("-d -t 1.2.3.4:80 -r 10.0.0.1:8080")
                == .deleteRealServer(RealServerID(address: v4(10, 0, 0, 1), port: 8080), service: tcp(vip, 80)))
        // A fwmark service keeps the server's port even with -g.
        #expect(
            try parse("-a -f 5 -r 10.0.0.1:http")
                == .addRealServer(
                    RealServer(address: v4(10, 0, 0, 1), port: 80), service: .firewallMark(5, family: .inet)))
    }

    @Test func tunnelServers() throws {
        let v6 = IPAddress.v6(IPv6Address("2001:db8::9") ?? IPv6Address(high: 0, low: 0))
        #expect(
            try parse("-a -t 1.2.3.4:80 -r [2001:db8::9]:80 -i --tun-type gue --tun-port 6080 --tun-csum")
                == .addRealServer(
                    RealServer(
                        address: v6, port: 80, forwarding: .tunnel, tunnelType: .gue, tunnelPort: 6080,
                        tunnelFlags: .checksum),
                    service: tcp(vip, 80)))
        #expect(
            try parse("-a -t 1.2.3.4:80 -r 10.0.0.1 -i --tun-type gre --tun-nocsum")
                == .addRealServer(
                    RealServer(address: v4(10, 0, 0, 1), port: 80, forwarding: .tunnel, tunnelType: .gre),
                    service: tcp(vip, 80)))
    }

    @Test func listDispatchAndStyle() throws {
        #expect(try parse("-Ln") == .list(ListRequest(options: ListingOptions(numeric: true))))
        #expect(try parse("-l") == .list(ListRequest()))
        #expect(try parse("-Lnc") == .list(ListRequest(target: .connections, options: ListingOptions(numeric: true))))
        #expect(try parse("-L -t 1.2.3.4:80") == .list(ListRequest(target: .service(tcp(vip, 80)))))
        #expect(try parse("-L --timeout") == .list(ListRequest(target: .timeouts)))
        #expect(try parse("-L --daemon --syncid 3") == .list(ListRequest(target: .daemons)))
        #expect(
            try parse("-L --stats --rate --exact --nosort --sort --sort")
                == .list(ListRequest(options: ListingOptions(style: .stats, exact: true, sorted: false))))
        #expect(
            try parse("-L -c --persistent-conn")
                == .list(ListRequest(target: .connections, options: ListingOptions(style: .persistentConnections))))
        #expect(
            try parse("-L --tun-info -X")
                == .list(ListRequest(options: ListingOptions(style: .tunnelInfo, exact: true))))
    }

    @Test func otherCommands() throws {
        #expect(try parse("-C") == .flush)
        #expect(try parse("-Z") == .zero(nil))
        #expect(try parse("-Z -t 1.2.3.4:80") == .zero(tcp(vip, 80)))
        // The zero address with port 0 names no service: the whole table is zeroed.
        #expect(try parse("-Z -t 0.0.0.0:0") == .zero(nil))
        #expect(try parse("-Z -u [::]:0") == .zero(nil))
        #expect(try parse("-Z -t 0.0.0.0:80") == .zero(tcp(IPAddress.any(.inet), 80)))
        #expect(try parse("-Z -f 1") == .zero(.firewallMark(1, family: .inet)))
        #expect(try parse("-S") == .save(numeric: false))
        #expect(try parse("-Sn") == .save(numeric: true))
        #expect(try parse("-R") == .restore)
        #expect(try parse("-h --bogus") == .help)
        #expect(try parse("-v") == .version)
        #expect(try parse("--set 900 120 +300") == .setTimeouts(Timeouts(tcp: 900, tcpFin: 120, udp: 300)))
        // Positional values may stand anywhere, even before the command.
        #expect(try parse("1 --set 2 3") == .setTimeouts(Timeouts(tcp: 1, tcpFin: 2, udp: 3)))
        #expect(try parse("--stop-daemon backup --syncid 4") == .stopDaemon(.backup))
    }

    @Test func daemons() throws {
        #expect(
            try parse("--start-daemon master") == .startDaemon(SyncDaemon(state: .master, multicastInterface: "eth0")))
        #expect(
            try parse(
                "--start-daemon=backup --mcast-interface dummy0 --syncid 7 --sync-maxlen 1000 --mcast-group ff02::81 --mcast-port 8849 --mcast-ttl 2"
            )
                == .startDaemon(
                    SyncDaemon(
                        state: .backup, multicastInterface: "dummy0", syncID: 7, maxLength: 1000,
                        group: .v6(IPv6Address("ff02::81") ?? IPv6Address(high: 0, low: 0)), port: 8849, ttl: 2)))
    }

    @Test func longNamesAreCutLikeCBuffers() throws {
        guard case .addService(let s) = try parse("-A -t 1.2.3.4:80 -s abcdefghijklmnopqrst --pe abcdefghijklmnopqrst")
        else {
            Issue.record("not an add")
            return
        }
        #expect(s.scheduler == "abcdefghijklmno")
        #expect(s.persistenceEngine == "abcdefghijklmnop")
    }

    @Test func doubleDashEndsOptions() throws {
        #expect(parseError("-C -- -n")?.message == "unexpected argument -n")
    }
}
