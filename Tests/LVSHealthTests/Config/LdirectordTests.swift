import IPVSKit
import LVSConfig
import LVSHealth
import Testing

@Suite struct LdirectordTests {
    @Test func aWebFarmReadsAsLdirectordRunsIt() throws {
        let loaded = try readConfig(try fixture("ldirectord-web.cf"), file: "/etc/ha.d/ldirectord.cf")
        #expect(loaded.format == .ldirectord)
        #expect(
            loaded.warnings.map(\.description) == [
                "/etc/ha.d/ldirectord.cf:4: warning: autoreload is ignored: reload lvsadmd with SIGHUP (systemctl reload lvsadmd)",
                "/etc/ha.d/ldirectord.cf:5: warning: logfile is ignored: lvsadmd logs to standard error (the journal under systemd)",
                "/etc/ha.d/ldirectord.cf:9: warning: servicename is ignored: it names the service in e-mail, which lvsadmd does not send",
            ])
        let web = try #require(loaded.configuration.service(tcp(v4(203, 0, 113, 10), 80)))
        #expect(
            web.service
                == VirtualService(
                    id: web.service.id, scheduler: "wlc", flags: .persistent, timeout: 300,
                    netmask: .ipv4(IPv4Address(255, 255, 255, 0))))
        #expect(
            web.servers.map(\.server) == [
                RealServer(address: v4(192, 168, 10, 11), port: 80, forwarding: .directRoute, weight: 1),
                RealServer(address: v4(192, 168, 10, 12), port: 80, forwarding: .directRoute, weight: 2),
                RealServer(address: v4(192, 168, 10, 13), port: 80, forwarding: .directRoute, weight: 0),
            ])
        #expect(web.onFailure == .quiesce)
        #expect(web.removeOnStop)
        #expect(
            web.sorry
                == SorryServer(RealServer(address: v4(127, 0, 0, 1), port: 80, forwarding: .directRoute, weight: 1)))
        let check = try #require(web.target(v4(192, 168, 10, 12)))
        #expect(check.kind == .http(HTTPCheck(path: "/health/ready", host: "shop.example.test", body: .regex("^OK"))))
        #expect(check.port == 80)
        #expect(check.timing == CheckTiming(interval: .seconds(2), timeout: .seconds(3), rise: 1, fall: 3))
        #expect(check.initial == .asFound)

        let tls = try #require(loaded.configuration.service(tcp(v4(203, 0, 113, 10), 443)))
        #expect(tls.target(v4(192, 168, 10, 11))?.kind == .connect)
        #expect(
            tls.target(v4(192, 168, 10, 11))?.timing
                == CheckTiming(interval: .seconds(2), timeout: .seconds(3), rise: 1, fall: 1))
        #expect(tls.sorry == nil)
    }

    @Test func everyKindOfVirtualBlockReads() throws {
        let loaded = try readConfig(try fixture("ldirectord-mixed.cf"))
        #expect(loaded.warnings.isEmpty)
        let services = loaded.configuration.services
        #expect(services.count == 6)

        let app = try #require(loaded.configuration.service(tcp(v4(198, 51, 100, 20), 80)))
        #expect(
            app.servers.map { "\($0.server.id) w\($0.server.weight)" } == [
                "10.0.0.10:8080 w5", "10.0.0.11:8080 w5", "10.0.0.12:8080 w5", "10.0.0.13:8080 w5",
                "192.168.10.11:8080 w1",
            ])
        #expect(app.target(v4(10, 0, 0, 12))?.kind == .http(HTTPCheck(path: "/status", body: .regex("running"))))
        #expect(app.target(v4(10, 0, 0, 12))?.port == 8081)
        #expect(
            app.target(v4(10, 0, 0, 12))?.timing
                == CheckTiming(interval: .seconds(3), timeout: .seconds(10), rise: 1, fall: 2))
        #expect(app.target(v4(192, 168, 10, 11))?.kind == .http(HTTPCheck(path: "/ping", body: .regex("pong"))))
        #expect(app.onFailure == .remove)
        #expect(app.removeOnStop)
        #expect(
            app.sorry?.server == RealServer(address: v4(127, 0, 0, 1), port: 80, forwarding: .masquerade, weight: 1))

        let mail = try #require(loaded.configuration.service(tcp(v4(198, 51, 100, 20), 25)))
        #expect(
            mail.target(v4(10, 0, 0, 20))?.kind
                == .tcpExchange(ExchangeCheck(send: Array("EHLO lvsadmd.example.test\n".utf8), expect: .regex("^250"))))
        #expect(mail.target(v4(10, 0, 0, 20))?.timing.interval == .seconds(5))
        #expect(!mail.removeOnStop)

        let marked = try #require(loaded.configuration.service(.firewallMark(7, family: .inet)))
        #expect(marked.service.scheduler == "sh")
        #expect(marked.service.flags == .shPort)
        #expect(
            marked.target(v4(10, 0, 0, 31))?.kind
                == .exec(ExecCheck(program: "/usr/local/lib/check-app", arguments: ["7", "0", "10.0.0.31", "0"])))
        #expect(marked.target(v4(10, 0, 0, 31))?.timing.timeout == .seconds(4))
        #expect(marked.sorry?.server.id == RealServerID(address: v4(127, 0, 0, 1), port: 0))

        let mostly = try #require(loaded.configuration.service(tcp(v4(198, 51, 100, 21), 8000)))
        #expect(
            mostly.target(v4(10, 0, 0, 40))?.kind
                == .connectMostly(every: 5, connectTimeout: .seconds(10), full: .http(HTTPCheck())))

        let six = try #require(services.first { $0.service.id.family == .inet6 })
        #expect(six.servers.map(\.health) == [.alwaysUp, .alwaysUp])
        #expect(six.servers.map(\.server.id.description) == ["[2001:db8:1::11]:80", "[2001:db8:1::12]:80"])
        #expect(six.sorry?.server.id.description == "[::1]:80")

        let dns = try #require(loaded.configuration.service(.address(.udp, v4(198, 51, 100, 53), port: 53)))
        #expect(dns.servers.map(\.health) == [.asFound])
        #expect(dns.sorry?.server.id == RealServerID(address: v4(127, 0, 0, 1), port: 53))
    }

    @Test func unsupportedSettingsAreEachNamedWithTheirLine() throws {
        #expect(
            problems(try fixture("ldirectord-unsupported.cf"), file: "ldirectord.cf") == [
                "ldirectord.cf:2: maintenancedir is not supported: use lvsadmd's maintenance command instead of maintenance files",
                "ldirectord.cf:3: fallbackcommand is not supported: lvsadmd does not run a command when a sorry server comes or goes",
                "ldirectord.cf:6: service = ftp (ldirectord's default for this port) is not supported: lvsadmd negotiates http, https, simpletcp and none; set service, or checktype = connect",
                "ldirectord.cf:11: checktype = ping is not supported: lvsadmd sends no ICMP; use connect",
                "ldirectord.cf:15: service = mysql is not supported: lvsadmd negotiates http, https, simpletcp and none; set service, or checktype = connect",
                "ldirectord.cf:16: login is not supported: it is used only by service checks lvsadmd does not support (ftp, imap, ldap, mysql, ...)",
                "ldirectord.cf:17: fancy is not an ldirectord setting in a virtual block",
            ])
    }

    static let block = "virtual=10.0.0.1:80\n\treal=10.0.1.1:80 gate\n\tchecktype=connect\n"

    @Test(arguments: [
        ("\treal=10.0.1.2:80 route", "4: real: the forwarding method must be gate, masq or ipip"),
        ("\treal=10.0.1.2:80 gate heavy", "4: real: cannot read 'heavy'"),
        ("\treal=10.0.1.9->10.0.1.2:80 gate", "4: real: the range 10.0.1.9->10.0.1.2 ends before it starts"),
        (
            "\treal=10.0.0.0->10.0.255.255:80 gate",
            "4: real: the range 10.0.0.0->10.0.255.255 has more than 4096 addresses"
        ),
        ("\treal=10.0.1.1:80 masq", "4: real server 10.0.1.1:80 is already in this virtual block (line 2)"),
        (
            "\treal=nowhere.test:80 gate",
            "4: illegal real server address[:port] specified (as ipvsadm -a -t 10.0.0.1:80 -r nowhere.test:80 -g -w 1)"
        ),
        ("\treal6=[2001:db8::1]:80 gate", "4: cannot use real6 in a virtual block: use real"),
        (
            "\tchecktype=sometimes",
            "4: checktype must be connect, negotiate, on, off, external or a number, not 'sometimes'"
        ),
        (
            "\tchecktype=external-perl",
            "4: checktype = external-perl is not supported: use external with the same script"
        ),
        ("\tquiescent=maybe", "4: quiescent must be 'yes' or 'no', not 'maybe'"),
        ("\tscheduler=Fancy", "4: scheduler must be lower-case letters, not 'Fancy'"),
        ("\tprotocol=fwm", "4: protocol must be tcp or udp for an address and port, not 'fwm'"),
        (
            "\trequest=\"http://10.0.1.1/\"\n\tchecktype=negotiate",
            "5: a request that is a whole URL is not supported: give the path, and checkport for another port"
        ),
        (
            "  real=10.0.1.3:80 gate",
            "4: real is indented by fewer than four spaces: indent it by a tab or four spaces to put it in a virtual= block, or not at all"
        ),
        (
            "virtual=10.0.0.1:80\n\treal=10.0.1.4:80 gate",
            "4: virtual service TCP 10.0.0.1:80 is already defined on line 1"
        ),
        (
            "virtual6=2001:db8::1:80\n\treal6=[2001:db8::2]:80 gate",
            "4: virtual6 takes [IPv6 address]:PORT or a firewall mark"
        ),
        ("virtual=[2001:db8::1]:80", "4: an IPv6 address needs virtual6, not virtual"),
        (
            "virtual=10.0.0.2:80\n\treal=10.0.1.5 masq\n\tchecktype=connect\n\tfallback=127.0.0.1:80 route",
            "7: fallback: the forwarding method must be gate, masq or ipip"
        ),
        (
            "virtual=10.0.0.3:80\n\treal=10.0.1.6:80 gate\n\tpersistent=60\n\tnetmask=255.0.255",
            "7: netmask must be a dotted quad such as 255.255.255.0, not '255.0.255'"
        ),
        (
            "virtual=10.0.0.3:80\n\treal=10.0.1.6:80 gate\n\tpersistent=60\n\tnetmask=255.0.256.0",
            "4: illegal virtual server persistent mask specified (as ipvsadm -A -t 10.0.0.3:80 -s wrr -p 60 -M 255.0.256.0)"
        ),
    ])
    func eachMistakeGetsItsMessage(line: String, message: String) {
        #expect(problems(Self.block + line + "\n", file: "ld.cf") == ["ld.cf:" + message])
    }

    @Test func aSettingBeforeAnyVirtualBlockIsRefusedWhenIndented() {
        #expect(
            problems("\treal=10.0.1.1:80 gate\n") == [
                "test.conf:1: real is indented but no virtual= line comes before it"
            ])
    }

    @Test func checkintervalInABlockNeedsFork() throws {
        let loaded = try readConfig(Self.block + "\tcheckinterval=3\n")
        #expect(
            loaded.warnings.map(\.description) == [
                "test.conf:4: warning: checkinterval in a virtual block is ignored unless fork = yes, as ldirectord ignores it"
            ])
        #expect(loaded.configuration.services.first?.target(v4(10, 0, 1, 1))?.timing.interval == .seconds(10))
    }

    @Test func timeoutsDefaultToEachOtherAsLdirectordsDo() throws {
        func timeouts(_ text: String) throws -> [Duration?] {
            let services = try readConfig(text).configuration.services
            return zip(services, [v4(10, 0, 1, 1), v4(10, 0, 1, 2)]).map { $0.target($1)?.timing.timeout }
        }
        let two =
            "virtual=10.0.0.1:80\n\treal=10.0.1.1:80 gate\n\tchecktype=connect\nvirtual=10.0.0.2:80\n\treal=10.0.1.2:80 gate\n"
        #expect(try timeouts(two) == [.seconds(5), .seconds(30)])
        #expect(try timeouts("negotiatetimeout=7\n" + two) == [.seconds(7), .seconds(7)])
        #expect(try timeouts("checktimeout=2\n" + two) == [.seconds(2), .seconds(2)])
        #expect(try timeouts("checktimeout=2\nnegotiatetimeout=9\n" + two) == [.seconds(2), .seconds(9)])
    }

    @Test func quiescentDefaultsToNoAsTheProgramDoes() throws {
        let service = try #require(try readConfig(Self.block).configuration.services.first)
        #expect(service.onFailure == .remove)
        #expect(service.removeOnStop)
        #expect(service.service.scheduler == "wrr")
    }

    /// ipvsadm gives a gate (or ipip) real server the service's port; ldirectord still
    /// checks the port the file names.
    @Test func aGateServerTakesTheServicePortButIsCheckedOnItsOwn() throws {
        let text = "virtual=10.0.0.1:80\n\treal=10.0.1.1:8080 gate\n\treal=10.0.1.2:8080 masq\n\tchecktype=connect\n"
        let service = try #require(try readConfig(text).configuration.services.first)
        #expect(service.servers.map(\.server.id.description) == ["10.0.1.1:80", "10.0.1.2:8080"])
        #expect(service.target(v4(10, 0, 1, 1))?.port == 8080)
    }

    @Test func anIPv6FirewallMarkService() throws {
        let text = "virtual6=5\n\treal6=[2001:db8::1] gate\n\tchecktype=on\n"
        let service = try #require(try readConfig(text).configuration.services.first)
        #expect(service.service.id == .firewallMark(5, family: .inet6))
        #expect(service.servers.map(\.server.id.description) == ["[2001:db8::1]:0"])
    }

    @Test func readdquiescentNoIsNamedAsNotFollowed() throws {
        let loaded = try readConfig("readdquiescent=no\n" + Self.block)
        #expect(
            loaded.warnings.map(\.description) == [
                "test.conf:1: warning: readdquiescent = no is not followed: lvsadmd puts back a real server deleted by hand"
            ])
        #expect(try readConfig("readdquiescent=yes\n" + Self.block).warnings.isEmpty)
    }
}
