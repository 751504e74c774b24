import LVSCommandLine
import Testing

/// Bad command lines: the exact message and exit status ipvsadm gives, including which
/// error wins when several apply (Docs/ipvsadm-behaviour.md: order of checks, matrix,
/// messages).
@Suite struct ParserErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let line: String
        let message: String
        let status: Int32
        init(_ line: String, _ message: String, _ status: Int32 = 2) {
            self.line = line
            self.message = message
            self.status = status
        }
        var testDescription: String { line }
    }

    static let tryHelp = "Try `ipvsadm -h' or 'ipvsadm --help' for more information."

    static let cases: [Case] = [
        // First option must be a command (255).
        Case("-n -L", tryHelp, 255),
        Case("foo", tryHelp, 255),
        Case("--bogus", tryHelp, 255),
        Case("--start-daemon", tryHelp, 255),
        Case("-6", tryHelp, 255),
        Case("-- -L", tryHelp, 255),
        // popt errors after the command (255).
        Case("-A -t", "-t: missing argument", 255),
        Case("-At", "-At: missing argument", 255),
        Case("-L --bogus", "--bogus: unknown option", 255),
        Case("-Lq", "-Lq: unknown option", 255),
        Case("-L --list=1", "--list=1: option does not take an argument", 255),
        // An `=` after a flag, whatever follows (checked against the reference binary).
        Case("-L -n=", "-n=: option does not take an argument", 255),
        Case("-L -n=x", "-n=x: option does not take an argument", 255),
        Case("-L -cn=", "-cn=: option does not take an argument", 255),
        Case("-A -u 1.1.1.1:53 -o=", "-o=: option does not take an argument", 255),
        Case("-A -u 1.1.1.1:53 -p==", "invalid timeout value `=' specified"),
        Case("--set -1 2 3", "-1: unknown option", 255),
        Case("-A --bogus -t x", "--bogus: unknown option", 255),
        Case("-a -t 1.2.3.4:80 -r", "-r: missing argument", 255),
        Case("-A -t 1.2.3.4:80 --scheduler", "--scheduler: missing argument", 255),
        // A second command.
        Case("-L -A", "invalid option `-A'"),
        Case("-LA", "invalid option `-LA'"),
        Case("-L --help", "invalid option `--help'"),
        Case("-L -h", "invalid option `-h'"),
        Case("-L --start-daemon master", "invalid option `master'"),
        // Repeated options.
        Case("-A -t 1.2.3.4:80 -t 1.2.3.5:80", "multiple 'service-address' options specified"),
        Case("-A -t 1.2.3.4:80 -f 1", "multiple 'service-address' options specified"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.1 -g -m", "multiple 'forwarding-method' options specified"),
        Case("-L -n -n", "multiple 'numeric' options specified"),
        Case("-A -t 1.2.3.4:80 -t bad", "multiple 'service-address' options specified"),
        // Values, first bad one wins.
        Case("-A -t 1.2.3.4:http -t bad", "multiple 'service-address' options specified"),
        Case("-A -t bad -s", "illegal virtual server address[:port] specified"),
        Case("-A -t 80", "illegal virtual server address[:port] specified"),
        Case("-A -t [2001:db8::6]", "illegal virtual server address[:port] specified"),
        Case("-A -t [2001:db8::6]x80", "illegal virtual server address[:port] specified"),
        Case("-A -t [2001:db8::6", "illegal virtual server address[:port] specified"),
        Case("-A -t web6:80", "illegal virtual server address[:port] specified"),
        Case("-A -t 1.2.3.4:65536", "illegal virtual server address[:port] specified"),
        Case("-A -t 1.2.3.4:", "illegal virtual server address[:port] specified"),
        Case("-A -t 1.2.3.256:80", "illegal virtual server address[:port] specified"),
        Case("-A -t 1.2.3.4.5:80", "illegal virtual server address[:port] specified"),
        Case("-A -t 09.1.1.1:80", "illegal virtual server address[:port] specified"),
        Case("-A -u 1.2.3.4:http-alt", "illegal virtual server address[:port] specified"),
        Case("-a -r 10.0.0.2:http -t 1.2.3.4:80", "illegal real server address[:port] specified"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.2:nope", "illegal real server address[:port] specified"),
        Case("-A -f 0", "invalid fwmark value `0' specified"),
        Case("-A -f -5", "invalid fwmark value `-5' specified"),
        Case("-A -f 0x10", "invalid fwmark value `0x10' specified"),
        Case("-A -f 4294967296", "invalid fwmark value `4294967296' specified"),
        Case("-A -t 1.2.3.4:80 -6", "-6 used before -f\n"),
        Case("-A -6 -f 1", "-6 used before -f\n"),
        Case("-A -t 1.2.3.4:80 -p rr", "invalid timeout value `rr' specified"),
        Case("-A -t 1.2.3.4:80 -p 0", "invalid timeout value `0' specified"),
        Case("-A -t 1.2.3.4:80 -p 2678401", "invalid timeout value `2678401' specified"),
        Case("-A -t 1.2.3.4:80 -M foo", "illegal virtual server persistent mask specified"),
        Case("-A -t [::1]:80 -M 129", "illegal ipv6 netmask specified"),
        Case("-A -t [::1]:80 -M 0", "illegal ipv6 netmask specified"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.1 -w 2147483648", "illegal weight specified"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.1 -w 1x", "illegal weight specified"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.1 -x -1", "illegal u_threshold specified"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.1 -y 99999999999999999999", "illegal l_threshold specified"),
        Case("--start-daemon master --syncid 256", "illegal syncid specified"),
        Case("--start-daemon bogus", "illegal start-daemon parameter specified"),
        Case("--stop-daemon bogus", "illegal start_daemon specified"),
        Case("--start-daemon master --mcast-group 10.0.0.1", "invalid IPv4 mcast-group `10.0.0.1'"),
        Case("--start-daemon master --mcast-group 224.0.0.081", "invalid IPv4 mcast-group `224.0.0.081'"),
        Case("--start-daemon master --mcast-group fe80::1", "invalid IPv6 mcast-group `fe80::1'"),
        Case("--start-daemon master --mcast-port 0", "illegal mcast-port specified"),
        Case("--start-daemon master --mcast-ttl 256", "illegal mcast-ttl specified"),
        Case("--start-daemon master --sync-maxlen 65508", "illegal sync-maxlen specified"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.1 -i --tun-type vxlan", "illegal tunnel type specified"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.1 -i --tun-port 0", "illegal tunnel port specified"),
        // --set values and stray arguments.
        Case("--set 1 2", "--set option requires 3 timeout values"),
        Case("--set 1 2 x", "invalid timeout value `x' specified"),
        Case("--set 1 2 3 4", "unexpected argument 4"),
        Case("-A -t 1.2.3.4:80 extra", "unexpected argument extra"),
        Case("-A -t 1.2.3.4:80 # x", "unexpected argument #"),
        // Scheduler flags, read after every option.
        Case("-A -t 1.2.3.4:80 -b sh-port", "incompatible scheduler flag `sh-port'"),
        Case("-A -t 1.2.3.4:80 -s sh -b mh-port", "incompatible scheduler flag `mh-port'"),
        Case("-A -t 1.2.3.4:80 -b flag-1,foo", "invalid scheduler flag `foo'"),
        Case("-L -b foo", "invalid scheduler flag `foo'"),
        Case("-A -t 1.2.3.4:80 -b ,", "invalid scheduler flag `'"),
        Case("-A -t 1.2.3.4:80 --sched-flags=,,", "invalid scheduler flag `'"),
        Case("-L --sched-flags=", "Illegal 'sched-flags' option with the 'list' command"),
        Case(
            "-a -t 1.2.3.4:80 -r 10.0.0.1 --sched-flags=", "Illegal 'sched-flags' option with the 'add-server' command"),
        // The matrix, in row order.
        Case("-A", "You need to supply the 'service-address' option for the 'add-service' command"),
        Case("-A -n", "Illegal 'numeric' option with the 'add-service' command"),
        Case("-A -r 10.0.0.1 -n", "Illegal 'numeric' option with the 'add-service' command"),
        Case("-A -r 10.0.0.1", "You need to supply the 'service-address' option for the 'add-service' command"),
        Case("-A -t 1.2.3.4:80 -r 10.0.0.1", "Illegal 'real-server' option with the 'add-service' command"),
        Case("-a -t 1.2.3.4:80", "You need to supply the 'real-server' option for the 'add-server' command"),
        Case("-d -t 1.2.3.4:80 -r 10.0.0.1 -w 2", "Illegal 'weight' option with the 'delete-server' command"),
        Case("-R -n", "Illegal 'numeric' option with the 'restore' command"),
        Case("-S -t 1.2.3.4:80", "Illegal 'service-address' option with the 'save' command"),
        Case("-C -n", "Illegal 'numeric' option with the 'flush' command"),
        Case(
            "-L -c -t 1.2.3.4:80",
            "The option 'service-address' conflicts with the 'connection' option in the 'list' command"),
        Case("-L --daemon --timeout", "The option 'daemon' conflicts with the 'timeout' option in the 'list' command"),
        Case("--set 1 2 3 -n", "Illegal 'numeric' option with the 'set' command"),
        Case(
            "--stop-daemon master --mcast-interface eth1",
            "Illegal 'mcast-interface' option with the 'stop-daemon' command"),
        Case("-D -t 1.2.3.4:80 -s rr", "Illegal 'scheduler' option with the 'delete-service' command"),
        Case("-Z -n", "Illegal 'numeric' option with the 'zero' command"),
        // Semantic checks.
        Case("-A -t 1.2.3.4", "Zero port specified for non-persistent service"),
        Case("-E -t 1.2.3.4:0", "Zero port specified for non-persistent service"),
        Case("-A -t 1.2.3.4:80 -o", "One-Packet Scheduling is only for UDP virtual services"),
        Case("-a -t 1.2.3.4:80 -r [::1]:80 -m", "Different address family is allowed only for tunneling servers"),
        Case("-a -f 1 -6 -r 10.0.0.1 -g", "Different address family is allowed only for tunneling servers"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.1 --tun-type gue", "Tunnel options conflict with forward method"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.1 -m --tun-csum", "Tunnel options conflict with forward method"),
        Case(
            "-a -t 1.2.3.4:80 -r 10.0.0.1 -i --tun-type gue",
            "You need to supply the 'tun-port' option for the 'gue' tunnel type"),
        Case("-a -t 1.2.3.4:80 -r 10.0.0.1 -i --tun-port 80", "Illegal 'tun-port' option with the 'ipip' tunnel type"),
        Case(
            "-a -t 1.2.3.4:80 -r 10.0.0.1 -i --tun-type gre --tun-csum --tun-nocsum",
            "The option 'tun-csum' conflicts with the 'tun-nocsum' option in the 'gre' tunnel type"),
        Case(
            "-a -t 1.2.3.4:80 -r 10.0.0.1 -i --tun-type gre --tun-remcsum",
            "Illegal 'tun-remcsum' option with the 'gre' tunnel type"),
        Case("-L -c --stats", "options conflicts in the list command"),
        Case("-L --timeout --persistent-conn", "options conflicts in the list command"),
        Case("-L --daemon --rate", "options conflicts in the list command"),
    ]

    @Test(arguments: cases)
    func refused(_ c: Case) {
        let error = parseError(c.line)
        #expect(error?.message == c.message)
        #expect(error?.exitStatus == c.status)
    }

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 60)
    }

    @Test func errorKindsDecideRestoreBehaviour() {
        #expect(parseError("-n")?.stopsRestore == true)
        #expect(parseError("-L --bogus")?.stopsRestore == false)
        #expect(parseError("-A")?.stopsRestore == true)
    }

    @Test func tryHelpNamesTheProgramAsTyped() throws {
        do {
            _ = try parse("-n", program: "/sbin/ipvsadm")
            Issue.record("parsed")
        } catch {
            #expect(error.message == "Try `/sbin/ipvsadm -h' or '/sbin/ipvsadm --help' for more information.")
        }
    }
}
