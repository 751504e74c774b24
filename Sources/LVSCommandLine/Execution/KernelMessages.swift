import IPVSKit

/// The words for a kernel error, as ipvsadm's `ipvs_strerror` chooses them: the same
/// errno reads differently depending on the operation; anything not in the table gets the
/// C library's `strerror` text.
public enum KernelMessages {
    struct Entry {
        /// nil: any operation.
        let operations: Set<IPVSOperation>?
        let errno: Int32
        let text: String
    }

    /// First match wins, so operation-specific entries come before the general ones.
    static let table: [Entry] = [
        Entry(operations: [.addService], errno: Errno.EEXIST, text: "Service already exists"),
        Entry(operations: [.addService, .editService], errno: Errno.ENOENT, text: "Scheduler or persistence engine not found"),
        Entry(operations: [.editService, .deleteService, .zero], errno: Errno.ESRCH, text: "No such service"),
        Entry(operations: [.addRealServer, .editRealServer, .deleteRealServer], errno: Errno.ESRCH, text: "Service not defined"),
        Entry(operations: [.addRealServer], errno: Errno.EEXIST, text: "Destination already exists"),
        Entry(operations: [.editRealServer, .deleteRealServer], errno: Errno.ENOENT, text: "No such destination"),
        Entry(operations: [.startDaemon], errno: Errno.EEXIST, text: "Daemon has already run"),
        Entry(operations: [.stopDaemon], errno: Errno.ESRCH, text: "No daemon is running"),
        Entry(operations: [.listRealServers, .getService], errno: Errno.ESRCH, text: "No such service"),
        // Without the IPVS family ipvsadm falls back to the old socket option interface,
        // which fails with ENOPROTOOPT; say the same when the family is missing.
        Entry(operations: [.connect], errno: Errno.ENOENT, text: "Protocol not available"),
        Entry(operations: nil, errno: Errno.EPERM, text: "Permission denied (you must be root)"),
        Entry(
            operations: nil, errno: Errno.EINVAL,
            text: "Invalid operation.  Possibly wrong module version, address not unicast, ..."),
        Entry(operations: nil, errno: Errno.ENOPROTOOPT, text: "Protocol not available"),
        Entry(operations: nil, errno: Errno.ENOMEM, text: "Memory allocation problem"),
        Entry(operations: nil, errno: Errno.EOPNOTSUPP, text: "Operation not supported with IPv6"),
        Entry(operations: nil, errno: Errno.EAFNOSUPPORT, text: "Operation not supported with specified address family"),
        Entry(operations: nil, errno: Errno.EMSGSIZE, text: "Module is wrong version"),
    ]

    /// The text for a failed operation.
    public static func text(for error: IPVSError, strerror: (Int32) -> String = SystemErrorText.describe) -> String {
        let match = table.first { entry in
            entry.errno == error.errno && (entry.operations?.contains(error.operation) ?? true)
        }
        return match?.text ?? strerror(error.errno)
    }

    /// The text for anything a client may throw.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? IPVSError { return text(for: error, strerror: SystemErrorText.describe) }
        return String(describing: error)
    }
}
