import Glibc
import IPVSNetlink
import LVSCommandLine
import NetworkNamespace

/// ipvsadm's remedy when IPVS cannot be reached: `/sbin/modprobe -- ip_vs` (absolute path,
/// its messages pass through); true if it exited 0.
func loadIPVSModule() -> Bool {
    let arguments = ["/sbin/modprobe", "--", "ip_vs"]
    var cArguments = arguments.map { strdup($0) } + [nil]
    defer { for argument in cArguments { free(argument) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, arguments[0], nil, nil, &cArguments, environ) == 0 else { return false }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else { return false }
    }
    // Exited normally with status 0.
    return status & 0x7f == 0 && (status >> 8) & 0xff == 0
}

let streams = StandardStreams()
let program = Program(
    programName: CommandLine.arguments.first ?? "lvsadm",
    resolver: SystemNameResolver(),
    output: streams,
    input: StandardInput(),
    connect: { try NetlinkIPVSClient() },
    loadModule: loadIPVSModule,
    enterNamespace: enterNetworkNamespace(path:))
let status = program.run(Array(CommandLine.arguments.dropFirst()))
streams.flush()
exit(status)
