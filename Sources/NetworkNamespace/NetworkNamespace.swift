import CIPVSShim
import Glibc
import LVSCommandLine

/// `--netns`: moves this process into the network namespace bound at `path` (a file under
/// `/run/netns`, or any `/proc/PID/ns/net`), before the netlink socket is opened or
/// `/proc/net/ip_vs_conn` is read, so both belong to that namespace.
///
/// Only the network namespace changes: unlike `ip netns exec`, nothing of
/// `/etc/netns/NAME` is bind-mounted, so host and service names resolve as outside.
/// lvsadm is single-threaded; `setns` moves the calling (main) thread, which is the one
/// that opens the socket and whose `/proc/self/net` is read.
public func enterNetworkNamespace(path: String) throws(NamespaceFailure) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw NamespaceFailure(reason: SystemErrorText.describe(errno)) }
    defer { close(descriptor) }
    let result = lvs_setns_net(descriptor)
    switch -result {
    case 0: return
    // What setns says for a file that is not a namespace, or another kind of namespace.
    case EINVAL: throw NamespaceFailure(reason: "not a network namespace")
    default: throw NamespaceFailure(reason: SystemErrorText.describe(-result))
    }
}
