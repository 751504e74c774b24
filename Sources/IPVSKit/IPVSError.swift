/// Linux errno values the IPVS interface answers with. IPVSKit uses only the standard
/// library, so the numbers are spelled out here (`asm-generic/errno*.h`).
public enum Errno {
    public static let EPERM: Int32 = 1
    public static let ENOENT: Int32 = 2
    public static let ESRCH: Int32 = 3
    public static let ENOMEM: Int32 = 12
    public static let EEXIST: Int32 = 17
    public static let ENODEV: Int32 = 19
    public static let EINVAL: Int32 = 22
    public static let ERANGE: Int32 = 34
    public static let EMSGSIZE: Int32 = 90
    public static let ENOPROTOOPT: Int32 = 92
    public static let EOPNOTSUPP: Int32 = 95
    public static let EAFNOSUPPORT: Int32 = 97
    public static let ENOBUFS: Int32 = 105
}

/// A failed IPVS operation: the kernel's errno, unchanged, and the operation it answered.
public struct IPVSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What an administrator needs to know, derived from the errno and the operation.
    public enum Reason: Hashable, Sendable {
        case serviceExists
        case noSuchService
        case realServerExists
        case noSuchRealServer
        /// The scheduler or persistence engine module is not there.
        case schedulerNotFound
        case daemonRunning
        case noDaemon
        case permissionDenied
        /// The kernel has no IPVS (no generic netlink family `IPVS`).
        case notInKernel
        /// The kernel refused the values (EINVAL): not unicast, bad mask, missing attribute.
        case invalidRequest
        /// A value out of range (ERANGE): lower threshold above upper, negative weight.
        case outOfRange
        case other
    }

    public var errno: Int32
    public var operation: IPVSOperation
    /// Set when the failure is not the kernel's answer (a reply we could not read); such
    /// an error is a bug of ours or a broken socket, never the user's doing.
    public var detail: String?

    public init(errno: Int32, operation: IPVSOperation, detail: String? = nil) {
        self.errno = errno
        self.operation = operation
        self.detail = detail
    }

    public var reason: Reason {
        switch (errno, operation) {
        case (_, .connect) where errno == Errno.ENOENT || errno == Errno.ENOPROTOOPT: .notInKernel
        case (Errno.EPERM, _): .permissionDenied
        case (Errno.EEXIST, .addService): .serviceExists
        case (Errno.ENOENT, .addService), (Errno.ENOENT, .editService): .schedulerNotFound
        case (Errno.ESRCH, .editService), (Errno.ESRCH, .deleteService), (Errno.ESRCH, .zero),
            (Errno.ESRCH, .getService), (Errno.ESRCH, .listRealServers),
            (Errno.ESRCH, .addRealServer), (Errno.ESRCH, .editRealServer), (Errno.ESRCH, .deleteRealServer):
            .noSuchService
        case (Errno.EEXIST, .addRealServer): .realServerExists
        case (Errno.ENOENT, .editRealServer), (Errno.ENOENT, .deleteRealServer): .noSuchRealServer
        case (Errno.EEXIST, .startDaemon): .daemonRunning
        case (Errno.ESRCH, .stopDaemon): .noDaemon
        case (Errno.EINVAL, _): .invalidRequest
        case (Errno.ERANGE, _): .outOfRange
        default: .other
        }
    }

    public var description: String {
        var text = "\(operation.rawValue): errno \(errno) (\(reason))"
        if let detail { text += ": \(detail)" }
        return text
    }
}
