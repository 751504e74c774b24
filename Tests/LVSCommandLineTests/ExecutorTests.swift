import IPVSKit
import IPVSTesting
import Testing

@testable import LVSCommandLine

/// Running single commands against the scripted client: requests sent, kernel error
/// words, exit statuses, and when the kernel is (not) needed.
@Suite struct ExecutorTests {
    @Test func writeSendsOneRequest() {
        let client = ScriptedIPVSClient()
        let result = run("-A -t 1.2.3.4:80 -s rr", client: client)
        #expect(result.status == 0)
        #expect(client.requests == [.addService(VirtualService(id: tcp(v4(1, 2, 3, 4), 80), scheduler: "rr"))])
        #expect(client.reads == [.info])
    }

    @Test(arguments: [
        ("-A -t 1.2.3.4:80", Errno.EEXIST, "Service already exists"),
        ("-A -t 1.2.3.4:80 -s foo", Errno.ENOENT, "Scheduler or persistence engine not found"),
        ("-E -t 1.2.3.4:80", Errno.ESRCH, "No such service"),
        ("-D -t 1.2.3.4:80", Errno.ESRCH, "No such service"),
        ("-Z -t 1.2.3.4:80", Errno.ESRCH, "No such service"),
        ("-a -t 1.2.3.4:80 -r 10.0.0.1", Errno.ESRCH, "Service not defined"),
        ("-a -t 1.2.3.4:80 -r 10.0.0.1", Errno.EEXIST, "Destination already exists"),
        ("-e -t 1.2.3.4:80 -r 10.0.0.1", Errno.ENOENT, "No such destination"),
        ("-d -t 1.2.3.4:80 -r 10.0.0.1", Errno.ENOENT, "No such destination"),
        ("--start-daemon master", Errno.EEXIST, "Daemon has already run"),
        ("--stop-daemon master", Errno.ESRCH, "No daemon is running"),
        ("--start-daemon master", Errno.ENODEV, "No such device"),
        ("-a -t 1.2.3.4:80 -r 10.0.0.1 -x 10 -y 20", Errno.ERANGE, "Numerical result out of range"),
        (
            "-a -t 1.2.3.4:80 -r 0.0.0.0", Errno.EINVAL,
            "Invalid operation.  Possibly wrong module version, address not unicast, ..."
        ),
        ("-C", Errno.EPERM, "Permission denied (you must be root)"),
    ])
    func kernelErrorWords(line: String, errno: Int32, text: String) {
        let client = ScriptedIPVSClient()
        client.queuedAnswers = [errno]
        let result = run(line, client: client)
        #expect(result.stderr == text + "\n")
        #expect(result.status == 255)
    }

    @Test func helpVersionAndUsageErrorsNeedNoKernel() {
        let noKernel = IPVSError(errno: Errno.ENOENT, operation: .connect)
        let help = run(["-h"], connectError: noKernel, program: "/sbin/ipvsadm")
        #expect(help.status == 0)
        #expect(help.stdout == HelpText.render(programName: "/sbin/ipvsadm"))
        let version = run(["-v"], connectError: noKernel)
        #expect(version.stdout == "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n")
        let usage = run(["-A"], connectError: noKernel)
        #expect(usage.status == 2)
        let sixBeforeF = run(["-A", "-6"], connectError: noKernel)
        #expect(sixBeforeF.stderr == "-6 used before -f\n\n")
    }

    @Test func connectFailureIsIpvsadmsMessage() {
        let result = run(["-C"], connectError: IPVSError(errno: Errno.ENOENT, operation: .connect))
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "Can't initialize ipvs: Protocol not available\nAre you sure that IP Virtual Server is built in the kernel or as module?\n"
        )
        let client = ScriptedIPVSClient()
        client.readErrors[.info] = Errno.EPERM
        let denied = run("-C", client: client)
        #expect(denied.status == 2)
        #expect(denied.stderr.hasPrefix("Can't initialize ipvs: Permission denied (you must be root)\n"))
        #expect(client.requests == [])
    }

    @Test func listingTheWholeTable() {
        let client = ScriptedIPVSClient()
        let id = tcp(v4(10, 0, 0, 1), 80)
        client.servicesTable = [ServiceEntry(service: VirtualService(id: id))]
        client.realServersTable[id] = [
            RealServerEntry(server: RealServer(address: v4(10, 0, 0, 2), port: 80, forwarding: .masquerade))
        ]
        let result = run("-L -n", client: client)
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  10.0.0.1:80 wlc
                  -> 10.0.0.2:80                  Masq    1      0          0         \n
                """)
    }

    @Test func serviceDumpFailureKeepsTheHeaderAndExitsOne() {
        let client = ScriptedIPVSClient()
        client.readErrors[.listServices] = Errno.ENOMEM
        let result = run("-L", client: client)
        #expect(result.stdout == "IP Virtual Server version 1.2.1 (size=4096)\n")
        #expect(result.stderr == "Memory allocation problem\n")
        #expect(result.status == 1)
    }

    @Test func singleServiceNotFoundExitsOne() {
        let result = run("-L -t 1.2.3.4:80")
        #expect(result.stderr == "No such service\n")
        #expect(result.status == 1)
        #expect(result.stdout == "")
    }

    @Test func timeoutAndDaemonFailuresAreSilent() {
        let client = ScriptedIPVSClient()
        client.readErrors[.getTimeouts] = Errno.EPERM
        client.readErrors[.listDaemons] = Errno.EPERM
        #expect(run("-L --timeout", client: client).status == 1)
        let daemons = run("-L --daemon", client: client)
        #expect(daemons.status == 1)
        #expect(daemons.stderr == "")
        #expect(run("-L --daemon").stdout == "")
    }

    @Test func connectionTableUnreadable() {
        let client = ScriptedIPVSClient()
        client.readErrors[.listConnections] = Errno.ENOENT
        let result = run("-L -c", client: client)
        #expect(result.stderr == "cannot open file /proc/net/ip_vs_conn\n")
        #expect(result.status == 1)
    }

    @Test func saveOfEmptyTablePrintsNothing() {
        let result = run("-S -n")
        #expect(result.status == 0)
        #expect(result.stdout == "")
    }

    @Test func unknownErrnoUsesStrerror() {
        #expect(KernelMessages.text(for: IPVSError(errno: Errno.ENODEV, operation: .startDaemon)) == "No such device")
        #expect(KernelMessages.text(for: IPVSError(errno: Errno.ESRCH, operation: .flush)) == "No such process")
    }
}
