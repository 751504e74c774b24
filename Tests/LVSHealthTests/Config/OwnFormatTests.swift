import IPVSKit
import LVSConfig
import LVSHealth
import Testing

@Suite struct OwnFormatTests {
    @Test func theExampleFileReadsAsWritten() throws {
        let loaded = try readConfig(try fixture("lvsadmd.conf"), file: "lvsadmd.conf")
        #expect(loaded.format == .lvsadmd)
        #expect(loaded.warnings.isEmpty)
        let configuration = loaded.configuration
        #expect(configuration.services.count == 7)

        let web = try #require(configuration.service(tcp(v4(203, 0, 113, 10), 80)))
        #expect(web.servers.map(\.server.weight) == [2, 2, 1])
        #expect(web.onFailure == .quiesce)
        #expect(
            web.sorry
                == SorryServer(RealServer(address: v4(127, 0, 0, 1), port: 8080, forwarding: .masquerade), quorum: 2))
        let http = try #require(web.target(v4(192, 168, 10, 11)))
        #expect(
            http.kind
                == .http(
                    HTTPCheck(
                        path: "/health", host: "shop.example.test", status: StatusRanges([200...299, 301...301]),
                        body: .contains("ok"))))
        #expect(http.port == 8080)
        #expect(http.timing == CheckTiming(interval: .seconds(2), timeout: .seconds(1), rise: 2, fall: 3))
        #expect(http.initial == .down)
        let old = try #require(web.target(v4(192, 168, 10, 13)))
        #expect(old.kind == .connect)
        #expect(old.port == 8081)

        let tls = try #require(configuration.service(tcp(v4(203, 0, 113, 10), 443)))
        #expect(tls.onFailure == .remove)
        #expect(tls.service.flags.contains(.persistent))
        #expect(
            tls.target(v4(192, 168, 10, 12))?.kind
                == .http(HTTPCheck(path: "/health", tls: TLSOptions(serverName: "shop.example.test", verify: true))))

        let dns = try #require(configuration.service(.address(.udp, v4(203, 0, 113, 53), port: 53)))
        guard case .udpExchange(let query)? = dns.target(v4(192, 168, 10, 21))?.kind else {
            Issue.record("not a UDP exchange")
            return
        }
        #expect(query.send.count == 30)
        #expect(query.send.prefix(2) == [0x12, 0x34])
        #expect(dns.target(v4(192, 168, 10, 21))?.timing.timeout == .milliseconds(500))

        let ssh = try #require(configuration.service(tcp(v4(203, 0, 113, 20), 22)))
        #expect(
            ssh.target(v4(192, 168, 10, 31))?.kind
                == .tcpExchange(ExchangeCheck(send: [], expect: .regex("^SSH-2\\.0-"))))

        let marked = try #require(configuration.service(.firewallMark(42, family: .inet)))
        #expect(
            marked.target(v4(192, 168, 10, 41))?.kind
                == .exec(
                    ExecCheck(
                        program: "/usr/local/lib/check-app", arguments: ["--host", "192.168.10.41", "--port", "9000"])))

        let unchecked = try #require(configuration.service(tcp(v4(203, 0, 113, 30), 3306)))
        #expect(unchecked.servers.map(\.health) == [.alwaysUp])

        #expect(web.name == "shop")
        #expect(tls.name == "shop")
        #expect(configuration.service(tcp(v4(203, 0, 113, 11), 80))?.name == "shop for partners")
        #expect(unchecked.name == nil)
    }

    @Test func theSameCheckOnTheSameBackendIsOneProbe() throws {
        let configuration = try readConfig(try fixture("lvsadmd.conf")).configuration
        let probes = ProbeTargets(configuration)
        let shop = try #require(configuration.service(tcp(v4(203, 0, 113, 10), 80))?.target(v4(192, 168, 10, 11)))
        #expect(probes.users(of: shop).map(\.service) == [tcp(v4(203, 0, 113, 10), 80), tcp(v4(203, 0, 113, 11), 80)])
        // 3 + 0 (shared) + 2 + 1 + 1 + 1 targets; the unchecked server has none.
        #expect(probes.targets.count == 8)
    }

    @Test func errorsNameTheFileAndLineAndAllAreReported() {
        let text = """
            -A -t 10.0.0.1:80 -s rr
            -a -t 10.0.0.1:80 -r 10.0.1.1:80 -m
            check -t 10.0.0.1:80 http interval=soon
            check -t 10.0.0.2:80 connect
            frobnicate now
            check -t 10.0.0.1:80 -r 10.0.1.9:80 connect
            sorry -t 10.0.0.1:80 -r 10.0.1.1:80 -m
            """
        #expect(
            problems(text, file: "/etc/lvsadmd.conf") == [
                "/etc/lvsadmd.conf:3: interval must be a duration such as 2, 1.5s or 500ms, not 'soon'",
                "/etc/lvsadmd.conf:4: service TCP 10.0.0.2:80 is not defined by an -A line",
                "/etc/lvsadmd.conf:5: unknown line 'frobnicate': a line is an ipvsadm -A or -a line, check, sorry, name, listen, defaults or a # comment",
                "/etc/lvsadmd.conf:6: real server 10.0.1.9:80 is not in service TCP 10.0.0.1:80 (an -a line adds it)",
                "/etc/lvsadmd.conf:7: the sorry server 10.0.1.1:80 is also a real server of TCP 10.0.0.1:80",
            ])
    }

    @Test(arguments: [
        (
            "check -t 10.0.0.1:80 http colour=red",
            "test.conf:3: a http check has no setting 'colour' (it takes path, host, status, body, body-regex, method, interval, timeout, rise, fall, hold, initial, address, port, on-failure)"
        ),
        (
            "check -t 10.0.0.1:80 connect\ncheck -t 10.0.0.1:80 http",
            "test.conf:4: service TCP 10.0.0.1:80 already has a check on line 3"
        ),
        (
            "check -t 10.0.0.1:80 -r 10.0.1.1:80 connect on-failure=remove",
            "test.conf:3: on-failure is a setting of the service: give it on the check line without -r"
        ),
        (
            "check -t 10.0.0.1:80 http status=200-99",
            "test.conf:3: status must be HTTP statuses such as 200-299,301, not '200-99'"
        ),
        ("check -t 10.0.0.1:80 http body=\"ok", "test.conf:3: a quoted value is not closed"),
        ("check -t 10.0.0.1:80 http rise=0", "test.conf:3: rise must be a whole number from 1 to 1000000, not '0'"),
        (
            "check -t 10.0.0.1:80 tcp-expect",
            "test.conf:3: tcp-expect needs send=, expect= or expect-regex= (else use connect)"
        ),
        ("check -t 10.0.0.1:80 exec program=check", "test.conf:3: exec needs program= with an absolute path"),
        ("check -t 10.0.0.1:80", "test.conf:3: check needs a kind: connect, http, https, tcp-expect, udp-expect, exec"),
        ("check -t 10.0.0.1 connect", "test.conf:3: service TCP 10.0.0.1:0 is not defined by an -A line"),
        ("defaults rise=2\ndefaults fall=2", "test.conf:4: defaults is already given on line 3"),
        ("defaults on-stop=later", "test.conf:3: on-stop must be keep or remove, not 'later'"),
        ("--set 10 10 10", "test.conf:3: --set is not managed by lvsadmd: set timeouts with lvsadm"),
        (
            "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m",
            "test.conf:3: real server 10.0.1.1:80 of service TCP 10.0.0.1:80 is already defined on line 2"
        ),
    ])
    func eachMistakeGetsItsMessage(line: String, message: String) {
        let text = "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m\n" + line + "\n"
        #expect(problems(text) == [message])
    }

    @Test(arguments: [
        (
            "name -t 10.0.0.1:80 web\nname -t 10.0.0.1:80 shop",
            "test.conf:4: service TCP 10.0.0.1:80 already has a name on line 3"
        ),
        ("name -t 10.0.0.2:80 web", "test.conf:3: service TCP 10.0.0.2:80 is not defined by an -A line"),
        ("name -t 10.0.0.1:80", "test.conf:3: name needs a service and a name: name -t VIP:PORT NAME"),
        ("name web", "test.conf:3: name needs a service and a name: name -t VIP:PORT NAME"),
        ("name -t 10.0.0.1:80 -r 10.0.1.1:80 web", "test.conf:3: name names a service, not a real server: drop -r"),
        ("name -t 10.0.0.1:80 \"\"", "test.conf:3: a name cannot be empty"),
        (
            "name -t 10.0.0.1:80 \"a\\nb\"",
            "test.conf:3: a name cannot hold control characters (a line feed, a tab, ...)"
        ),
        (
            "name -t 10.0.0.1:80 \"a\\tb\"",
            "test.conf:3: a name cannot hold control characters (a line feed, a tab, ...)"
        ),
        ("name -t 10.0.0.1:80 -x", "test.conf:3: a name cannot start with '-': '-x'"),
        (
            "name -t 10.0.0.1:80 " + String(repeating: "n", count: 65),
            "test.conf:3: a name is at most 64 characters, not 65"
        ),
    ])
    func eachNameMistakeGetsItsMessage(line: String, message: String) {
        let text = "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m\n" + line + "\n"
        #expect(problems(text) == [message])
    }

    @Test func aFirewallMarkServiceNeedsACheckPort() {
        let text = "-A -f 5 -s rr\n-a -f 5 -r 10.0.1.1 -g\ncheck -f 5 connect\n"
        #expect(
            problems(text) == [
                "test.conf:3: real server 10.0.1.1:0 has no port to check (a firewall-mark service): give the check port="
            ])
    }

    @Test func formatIsRecognisedByContent() {
        #expect(ConfigFormat.detect("# comment\n\n-A -t 10.0.0.1:80\n") == .lvsadmd)
        #expect(ConfigFormat.detect("check -t 10.0.0.1:80 connect\n") == .lvsadmd)
        #expect(ConfigFormat.detect("# ldirectord\nchecktimeout=3\n") == .ldirectord)
        #expect(ConfigFormat.detect("virtual = 10.0.0.1:80\n") == .ldirectord)
    }

    @Test func ipv6ServicesAndCheckAddresses() throws {
        let text = """
            -A -t [2001:db8::10]:443 -s rr
            -a -t [2001:db8::10]:443 -r [2001:db8:1::11]:443 -m
            check -t [2001:db8::10]:443 https address=[2001:db8:2::11] port=8443 path=/ready
            """
        let service = try #require(try readConfig(text).configuration.services.first)
        let server = try #require(IPAddress("2001:db8:1::11"))
        let target = try #require(service.target(server))
        #expect(target.endpoint.description == "[2001:db8:2::11]:8443")
        #expect(target.kind == .http(HTTPCheck(path: "/ready", tls: TLSOptions())))
    }

    @Test func aNameIsAnyPrintableTextAndChangesNothingElse() throws {
        let plain = "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m\n"
        let named = plain + "name -t 10.0.0.1:80 \"caf\u{e9} \\\"front\\\" \\\\ #1\"  # a comment\n"
        var service = try #require(try readConfig(named).configuration.services.first)
        #expect(service.name == "caf\u{e9} \"front\" \\ #1")
        service.name = nil
        #expect(service == (try readConfig(plain).configuration.services.first))
        #expect(problems("-A -t 10.0.0.1:80 -s rr\nname -t 10.0.0.1:80 " + String(repeating: "n", count: 64)) == [])
    }
}
