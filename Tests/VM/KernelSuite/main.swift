import Glibc
import IPVSKit
import IPVSNetlink

// The real-kernel suite, run inside the micro-VM by Scripts/test-kernel:
//   lvsadm-kernel-suite [FILTER]       every check against the live IPVS table
//   lvsadm-kernel-suite --no-ipvs      in a VM booted without ip_vs: the clear error
// It prints one line per check and ends with "kernel-suite: N passed, N failed".

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "--no-ipvs" {
    var passed = 0
    var failed = 0
    do {
        _ = try NetlinkIPVSClient()
        print("FAIL opening a client without ip_vs should fail")
        failed += 1
    } catch let error as IPVSError where error.reason == .notInKernel {
        print("ok   no ip_vs: \(error)")
        passed += 1
    } catch {
        print("FAIL no ip_vs gave the wrong error: \(error)")
        failed += 1
    }
    print("kernel-suite-no-ipvs: \(passed) passed, \(failed) failed")
    exit(failed == 0 ? 0 : 1)
}

// Interfaces and addresses the checks use: a multicast-capable dummy for sync daemons,
// and a VIP on lo for traffic from the suite's own process.
// (Loading the dummy module already creates dummy0.)
shell("ip link add dummy0 type dummy; ip link set dummy0 up && ip addr add 10.8.0.1/24 dev dummy0")
shell("ip addr add 10.9.0.1/32 dev lo")

let client: IPVSClient
do {
    let netlink = try NetlinkIPVSClient()
    client = getenv("LVSADM_SUITE_TRACE") == nil ? netlink : TracingClient(netlink)
} catch {
    print("FAIL cannot open the IPVS client: \(error)")
    print("kernel-suite: 0 passed, 1 failed")
    exit(1)
}

let suite = Suite()
registerServiceChecks(suite)
registerRealServerChecks(suite)
registerConfigurationChecks(suite)
registerUnansweredRequestCheck(suite)
registerBatchChecks(suite)
registerTrafficChecks(suite)
exit(suite.run(client: client, only: arguments.first))
