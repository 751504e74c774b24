import IPVSKit

/// Add, edit, get, list and delete services of every kind, and their error paths.
func registerServiceChecks(_ suite: Suite) {
    suite.check("info reports IPVS 1.2.1 and the table size") { client in
        let info = try client.info()
        try expectEqual(info.version, 0x010201, "version")
        try expectEqual(info.connectionTableSize, 4096, "connection table size")
    }

    suite.check("add TCP IPv4 service") { client in
        let service = VirtualService(id: tcp("10.0.0.1", 80), scheduler: "rr")
        try client.addService(service)
        try expectStored(service, in: client)
        try expectReferenceSave(["-A -t 10.0.0.1:80 -s rr"])
    }

    suite.check("add UDP and SCTP services") { client in
        try client.addService(VirtualService(id: udp("10.0.0.1", 53), scheduler: "wrr"))
        try client.addService(VirtualService(id: sctp("10.0.0.1", 3868), scheduler: "lc"))
        try expectStored(VirtualService(id: udp("10.0.0.1", 53), scheduler: "wrr"), in: client)
        try expectReferenceSave(["-A -u 10.0.0.1:53 -s wrr", "-A --sctp-service 10.0.0.1:3868 -s lc"])
    }

    suite.check("add IPv6 service") { client in
        let service = VirtualService(id: tcp("2001:db8::1", 443), scheduler: "sh")
        try client.addService(service)
        try expectStored(service, in: client)
        try expectReferenceSave(["-A -t [2001:db8::1]:443 -s sh"])
    }

    suite.check("add firewall-mark services, IPv4 and IPv6") { client in
        let v4 = VirtualService(id: .firewallMark(1, family: .inet), scheduler: "dh")
        let v6 = VirtualService(
            id: .firewallMark(2, family: .inet6), scheduler: "lc", flags: .persistent, timeout: 100,
            netmask: .ipv6(prefixLength: 64))
        try client.addService(v4)
        try client.addService(v6)
        try expectStored(v4, in: client)
        try expectStored(v6, in: client)
        try expectReferenceSave(["-A -f 1 -s dh", "-A -f 2 -6 -s lc -p 100 -M 64"])
    }

    suite.check("firewall mark above 2^31 is stored unsigned") { client in
        let service = VirtualService(id: .firewallMark(3_000_000_000, family: .inet), scheduler: "rr")
        try client.addService(service)
        try expectStored(service, in: client)
    }

    suite.check("persistence with an IPv4 netmask") { client in
        let service = VirtualService(
            id: tcp("10.0.0.2", 0), scheduler: "wlc", flags: .persistent, timeout: 600,
            netmask: .ipv4(IPv4Address(255, 255, 255, 0)))
        try client.addService(service)
        try expectStored(service, in: client)
        try expectReferenceSave(["-A -t 10.0.0.2:0 -s wlc -p 600 -M 255.255.255.0"])
    }

    suite.check("one-packet scheduling and sh flags") { client in
        let service = VirtualService(
            id: udp("10.0.0.1", 53), scheduler: "sh", flags: [.onePacket, .shFallback, .shPort])
        try client.addService(service)
        try expectStored(service, in: client)
        try expectReferenceSave(["-A -u 10.0.0.1:53 -s sh -o -b sh-fallback,sh-port"])
    }

    suite.check("mh flags and scheduler flag 3") { client in
        let mh = VirtualService(id: tcp("10.0.0.3", 80), scheduler: "mh", flags: [.mhFallback, .mhPort])
        let ovf = VirtualService(id: tcp("10.0.0.4", 80), scheduler: "ovf", flags: [.scheduler1, .scheduler3])
        try client.addService(mh)
        try client.addService(ovf)
        try expectStored(mh, in: client)
        try expectStored(ovf, in: client)
        try expectReferenceSave([
            "-A -t 10.0.0.3:80 -s mh -b mh-fallback,mh-port", "-A -t 10.0.0.4:80 -s ovf -b flag-1,flag-3",
        ])
    }

    suite.check("persistence engine sip") { client in
        let service = VirtualService(
            id: udp("10.0.0.1", 5060), scheduler: "wlc", flags: .persistent, timeout: 60, persistenceEngine: "sip")
        try client.addService(service)
        try expectStored(service, in: client)
        try expectReferenceSave(["-A -u 10.0.0.1:5060 -s wlc -p 60 --pe sip"])
    }

    for scheduler in ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh"] {
        suite.check("scheduler \(scheduler) is accepted and listed") { client in
            let service = VirtualService(id: tcp("10.1.0.1", 80), scheduler: scheduler)
            try client.addService(service)
            try expectStored(service, in: client)
            try expectReferenceSave(["-A -t 10.1.0.1:80 -s \(scheduler)"])
        }
    }

    suite.check("edit replaces scheduler, flags and persistence") { client in
        let id = tcp("10.0.0.1", 80)
        try client.addService(VirtualService(id: id, scheduler: "rr", flags: .persistent, timeout: 300))
        let edited = VirtualService(id: id, scheduler: "wlc")
        try client.editService(edited)
        try expectStored(edited, in: client)
        try expectReferenceSave(["-A -t 10.0.0.1:80 -s wlc"])
    }

    suite.check("delete a service") { client in
        try client.addService(VirtualService(id: tcp("10.0.0.1", 80)))
        try client.addService(VirtualService(id: tcp("10.0.0.1", 81)))
        try client.deleteService(tcp("10.0.0.1", 80))
        try expectEqual(try client.services().map(\.service.id), [tcp("10.0.0.1", 81)], "services left")
        try expectReferenceSave(["-A -t 10.0.0.1:81 -s wlc"])
    }

    suite.check("adding a service twice: service exists") { client in
        try client.addService(VirtualService(id: tcp("10.0.0.1", 80)))
        try expectError(.serviceExists, errno: Errno.EEXIST) {
            try client.addService(VirtualService(id: tcp("10.0.0.1", 80)))
        }
    }

    suite.check("unknown scheduler: scheduler not found, table unchanged") { client in
        try expectError(.schedulerNotFound, errno: Errno.ENOENT) {
            try client.addService(VirtualService(id: tcp("10.0.0.1", 80), scheduler: "nosuch"))
        }
        try expectReferenceSave([])
    }

    suite.check("edit, delete, get and zero a missing service: no such service") { client in
        let id = tcp("10.9.9.9", 80)
        try expectError(.noSuchService, errno: Errno.ESRCH) { try client.editService(VirtualService(id: id)) }
        try expectError(.noSuchService, errno: Errno.ESRCH) { try client.deleteService(id) }
        try expectError(.noSuchService, errno: Errno.ESRCH) { _ = try client.service(id) }
        try expectError(.noSuchService, errno: Errno.ESRCH) { try client.zero(id) }
    }

    suite.check("flush empties the table") { client in
        for port in UInt16(1)...20 { try client.addService(VirtualService(id: tcp("10.0.0.1", port))) }
        try client.addService(VirtualService(id: .firewallMark(7, family: .inet)))
        try expectEqual(try client.services().count, 21, "services before flush")
        try client.flush()
        try expectEqual(try client.services().count, 0, "services after flush")
        try expectReferenceSave([])
    }
}
