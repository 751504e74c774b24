/// The one table from (operation, errno) to a meaning: the `Reason` programs act on, and
/// ipvsadm's words for it (`ipvs_strerror`), which lvsadm prints. The same errno means
/// different things for different operations (ESRCH is "No such service" for a service
/// and "Service not defined" for a real server of one).
extension IPVSError {
    public struct Meaning: Sendable {
        /// nil: any operation.
        let operations: Set<IPVSOperation>?
        let errno: Int32
        public let reason: Reason
        /// ipvsadm's text; nil where it prints the C library's `strerror` text.
        public let text: String?
    }

    /// First match wins, so operation-specific entries come before the general ones.
    static let meanings: [Meaning] = [
        Meaning(operations: [.addService], errno: Errno.EEXIST, reason: .serviceExists, text: "Service already exists"),
        Meaning(
            operations: [.addService, .editService], errno: Errno.ENOENT, reason: .schedulerNotFound,
            text: "Scheduler or persistence engine not found"),
        Meaning(
            operations: [.editService, .deleteService, .zero, .listRealServers, .getService], errno: Errno.ESRCH,
            reason: .noSuchService, text: "No such service"),
        Meaning(
            operations: [.addRealServer, .editRealServer, .deleteRealServer], errno: Errno.ESRCH,
            reason: .noSuchService,
            text: "Service not defined"),
        Meaning(
            operations: [.addRealServer], errno: Errno.EEXIST, reason: .realServerExists,
            text: "Destination already exists"),
        Meaning(
            operations: [.editRealServer, .deleteRealServer], errno: Errno.ENOENT, reason: .noSuchRealServer,
            text: "No such destination"),
        Meaning(
            operations: [.startDaemon], errno: Errno.EEXIST, reason: .daemonRunning, text: "Daemon has already run"),
        Meaning(operations: [.stopDaemon], errno: Errno.ESRCH, reason: .noDaemon, text: "No daemon is running"),
        // Without the IPVS family ipvsadm falls back to the old socket option interface,
        // which fails with ENOPROTOOPT; say the same when the family is missing.
        Meaning(operations: [.connect], errno: Errno.ENOENT, reason: .notInKernel, text: "Protocol not available"),
        Meaning(operations: [.connect], errno: Errno.ENOPROTOOPT, reason: .notInKernel, text: "Protocol not available"),
        Meaning(
            operations: nil, errno: Errno.EPERM, reason: .permissionDenied, text: "Permission denied (you must be root)"
        ),
        Meaning(
            operations: nil, errno: Errno.EINVAL, reason: .invalidRequest,
            text: "Invalid operation.  Possibly wrong module version, address not unicast, ..."),
        Meaning(operations: nil, errno: Errno.ERANGE, reason: .outOfRange, text: nil),
        Meaning(operations: nil, errno: Errno.ENOPROTOOPT, reason: .other, text: "Protocol not available"),
        Meaning(operations: nil, errno: Errno.ENOMEM, reason: .other, text: "Memory allocation problem"),
        Meaning(operations: nil, errno: Errno.EOPNOTSUPP, reason: .other, text: "Operation not supported with IPv6"),
        Meaning(
            operations: nil, errno: Errno.EAFNOSUPPORT, reason: .other,
            text: "Operation not supported with specified address family"),
        Meaning(operations: nil, errno: Errno.EMSGSIZE, reason: .other, text: "Module is wrong version"),
    ]

    /// The first entry of `meanings` for this errno and operation.
    public var meaning: Meaning? {
        Self.meanings.first { $0.errno == errno && ($0.operations?.contains(operation) ?? true) }
    }
}
