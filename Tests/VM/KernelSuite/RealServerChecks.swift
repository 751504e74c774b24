import IPVSKit

/// Real servers: every forwarding method and tunnel type, weights and thresholds, edits,
/// deletes, listing order and the kernel's refusals.
func registerRealServerChecks(_ suite: Suite) {
    let vip = tcp("10.0.0.1", 80)
    func withService(_ client: IPVSClient, _ id: ServiceID = vip, scheduler: String = "wlc") throws {
        try client.addService(VirtualService(id: id, scheduler: scheduler))
    }

    suite.check("NAT real server with port translation") { client in
        try withService(client)
        let server = RealServer(address: ip("10.0.1.2"), port: 8080, forwarding: .masquerade, weight: 5)
        try client.addRealServer(server, to: vip)
        try expectEqual(try storedServers(of: vip, in: client), [server], "real servers")
        try expectReferenceSave(["-A -t 10.0.0.1:80 -s wlc", "-a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m -w 5"])
    }

    suite.check("direct-routing real server") { client in
        try withService(client)
        let server = RealServer(address: ip("10.0.1.3"), port: 80, forwarding: .directRoute, weight: 2)
        try client.addRealServer(server, to: vip)
        try expectEqual(try storedServers(of: vip, in: client), [server], "real servers")
        try expectReferenceSave(["-A -t 10.0.0.1:80 -s wlc", "-a -t 10.0.0.1:80 -r 10.0.1.3:80 -g -w 2"])
    }

    suite.check("IPIP tunnel real server") { client in
        try withService(client)
        let server = RealServer(address: ip("10.0.1.4"), port: 80, forwarding: .tunnel, weight: 1)
        try client.addRealServer(server, to: vip)
        try expectEqual(try storedServers(of: vip, in: client), [server], "real servers")
        try expectReferenceSave([
            "-A -t 10.0.0.1:80 -s wlc", "-a -t 10.0.0.1:80 -r 10.0.1.4:80 -i -w 1 --tun-type ipip",
        ])
    }

    suite.check("GUE tunnel with port and checksum, GRE with remote checksum off") { client in
        try withService(client)
        let gue = RealServer(
            address: ip("10.0.1.5"), port: 80, forwarding: .tunnel, tunnelType: .gue, tunnelPort: 6080,
            tunnelFlags: .checksum)
        let gueRemote = RealServer(
            address: ip("10.0.1.6"), port: 80, forwarding: .tunnel, tunnelType: .gue, tunnelPort: 6081,
            tunnelFlags: .remoteChecksum)
        let gre = RealServer(address: ip("10.0.1.7"), port: 80, forwarding: .tunnel, tunnelType: .gre)
        for server in [gue, gueRemote, gre] { try client.addRealServer(server, to: vip) }
        try expectEqual(Set(try storedServers(of: vip, in: client)), [gue, gueRemote, gre], "real servers")
        try expectReferenceSave([
            "-A -t 10.0.0.1:80 -s wlc",
            "-a -t 10.0.0.1:80 -r 10.0.1.5:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum",
            "-a -t 10.0.0.1:80 -r 10.0.1.6:80 -i -w 1 --tun-type gue --tun-port 6081 --tun-remcsum",
            "-a -t 10.0.0.1:80 -r 10.0.1.7:80 -i -w 1 --tun-type gre --tun-nocsum",
        ])
    }

    suite.check("GUE without a tunnel port is refused") { client in
        try withService(client)
        try expectError(.invalidRequest, errno: Errno.EINVAL) {
            try client.addRealServer(
                RealServer(address: ip("10.0.1.5"), port: 80, forwarding: .tunnel, tunnelType: .gue), to: vip)
        }
    }

    suite.check("Local forwarding (the director serves itself)") { client in
        try withService(client)
        let server = RealServer(address: ip("127.0.0.1"), port: 80, forwarding: .local)
        try client.addRealServer(server, to: vip)
        try expectEqual(try storedServers(of: vip, in: client), [server], "real servers")
        let row = shell("ipvsadm -L -n | grep -- '->' | tail -1").output
        try expectEqual(
            row.split(separator: " ").prefix(3).map(String.init), ["->", "127.0.0.1:80", "Local"], "ipvsadm row")
    }

    suite.check("IPv6 real servers, and an IPv6 tunnel server behind an IPv4 service") { client in
        let v6 = tcp("2001:db8::1", 80)
        try withService(client, v6)
        let server6 = RealServer(address: ip("2001:db8::10"), port: 8080, forwarding: .masquerade)
        try client.addRealServer(server6, to: v6)
        try expectEqual(try storedServers(of: v6, in: client), [server6], "IPv6 real servers")
        try withService(client)
        let mixed = RealServer(address: ip("2001:db8::20"), port: 80, forwarding: .tunnel)
        try client.addRealServer(mixed, to: vip)
        try expectEqual(try storedServers(of: vip, in: client), [mixed], "mixed-family real server")
    }

    suite.check("a mixed-family real server that is not tunnelled is refused") { client in
        try withService(client)
        try expectError(.invalidRequest, errno: Errno.EINVAL) {
            try client.addRealServer(
                RealServer(address: ip("2001:db8::20"), port: 80, forwarding: .masquerade), to: vip)
        }
    }

    suite.check("weights and thresholds are stored and shown by ipvsadm") { client in
        try withService(client)
        let server = RealServer(
            address: ip("10.0.1.2"), port: 80, forwarding: .masquerade, weight: 2_147_483_647,
            upperThreshold: 100, lowerThreshold: 10)
        try client.addRealServer(server, to: vip)
        try expectEqual(try storedServers(of: vip, in: client), [server], "real servers")
        let row = shell("ipvsadm -L -n --thresholds | grep -- '->' | tail -1").output
        try expectEqual(
            row.split(separator: " ").map(String.init), ["->", "10.0.1.2:80", "100", "10", "0", "0"],
            "ipvsadm --thresholds row")
    }

    suite.check("edit a real server's weight and method") { client in
        try withService(client)
        var server = RealServer(address: ip("10.0.1.2"), port: 80, forwarding: .masquerade, weight: 1)
        try client.addRealServer(server, to: vip)
        server.weight = 0
        server.forwarding = .tunnel
        try client.editRealServer(server, in: vip)
        try expectEqual(try storedServers(of: vip, in: client), [server], "real servers")
        try expectReferenceSave([
            "-A -t 10.0.0.1:80 -s wlc", "-a -t 10.0.0.1:80 -r 10.0.1.2:80 -i -w 0 --tun-type ipip",
        ])
    }

    suite.check("delete a real server") { client in
        try withService(client)
        let keep = RealServer(address: ip("10.0.1.2"), port: 80)
        try client.addRealServer(keep, to: vip)
        try client.addRealServer(RealServer(address: ip("10.0.1.3"), port: 80), to: vip)
        try client.deleteRealServer(RealServerID(address: ip("10.0.1.3"), port: 80), from: vip)
        try expectEqual(try storedServers(of: vip, in: client), [keep], "real servers left")
    }

    suite.check("real servers are listed newest first") { client in
        try withService(client)
        for host in 2...6 { try client.addRealServer(RealServer(address: ip("10.0.1.\(host)"), port: 80), to: vip) }
        try expectEqual(
            try storedServers(of: vip, in: client).map(\.address.description),
            ["10.0.1.6", "10.0.1.5", "10.0.1.4", "10.0.1.3", "10.0.1.2"], "dump order")
    }

    suite.check("real server errors: exists, missing, missing service") { client in
        try withService(client)
        let server = RealServer(address: ip("10.0.1.2"), port: 80)
        try client.addRealServer(server, to: vip)
        try expectError(.realServerExists, errno: Errno.EEXIST) { try client.addRealServer(server, to: vip) }
        let missing = RealServer(address: ip("10.0.1.99"), port: 80)
        try expectError(.noSuchRealServer, errno: Errno.ENOENT) { try client.editRealServer(missing, in: vip) }
        try expectError(.noSuchRealServer, errno: Errno.ENOENT) { try client.deleteRealServer(missing.id, from: vip) }
        let nowhere = tcp("10.9.9.9", 80)
        try expectError(.noSuchService, errno: Errno.ESRCH) { try client.addRealServer(server, to: nowhere) }
        // The kernel's dest dump answers a missing service with an empty list, not ESRCH.
        try expectEqual(try client.realServers(of: nowhere), [], "real servers of a missing service")
    }

    suite.check("lower threshold above upper: out of range") { client in
        try withService(client)
        try expectError(.outOfRange, errno: Errno.ERANGE) {
            try client.addRealServer(
                RealServer(address: ip("10.0.1.2"), port: 80, upperThreshold: 10, lowerThreshold: 20), to: vip)
        }
        try expectReferenceSave(["-A -t 10.0.0.1:80 -s wlc"])
    }

    suite.check("multicast real server address: invalid") { client in
        try withService(client)
        try expectError(.invalidRequest, errno: Errno.EINVAL) {
            try client.addRealServer(RealServer(address: ip("224.0.0.1"), port: 80), to: vip)
        }
    }

    suite.check("real servers of a firewall-mark service") { client in
        let mark = ServiceID.firewallMark(9, family: .inet)
        try withService(client, mark, scheduler: "rr")
        let server = RealServer(address: ip("10.0.1.2"), port: 0, forwarding: .directRoute, weight: 3)
        try client.addRealServer(server, to: mark)
        try expectEqual(try storedServers(of: mark, in: client), [server], "real servers")
        try expectReferenceSave(["-A -f 9 -s rr", "-a -f 9 -r 10.0.1.2:0 -g -w 3"])
    }
}
