// swift-format-ignore: AlwaysUseLowerCamelCase
/// Linux errno values the IPVS interface answers with. IPVSKit uses only the standard
/// library, so the numbers are spelled out here (`asm-generic/errno*.h`), under the C
/// names every man page and kernel source uses.
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

/// A failed IPVS operation: its errno, the operation, and whether the errno is the kernel's
/// answer (`origin`).
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

    /// Where a failure comes from: the kernel's answer, no answer at all, or our side.
    public enum Origin: Hashable, Sendable {
        /// The kernel answered the request with `errno`, unchanged: the user's doing
        /// (EEXIST, ESRCH, ...).
        case kernel
        /// No answer came within the socket's receive timeout. The kernel sends none for a
        /// request whose handler ended in EINTR (stopping a sync daemon whose thread has not
        /// run yet), so `errno` is EINTR and the message reads "Interrupted system call";
        /// but the kernel did not say so.
        case noAnswer
        /// Not an answer of the kernel: a system call or libnl failed, or a reply could not
        /// be read; `detail` says which. A bug of ours or a broken socket, never the
        /// user's doing; `errno` is only the closest one.
        case local(detail: String)
    }

    public var errno: Int32
    public var operation: IPVSOperation
    public var origin: Origin

    public init(errno: Int32, operation: IPVSOperation, origin: Origin = .kernel) {
        self.errno = errno
        self.operation = operation
        self.origin = origin
    }

    /// What the errno means for this operation (see `meanings`); `.other` when nothing
    /// in particular.
    public var reason: Reason { meaning?.reason ?? .other }

    public var description: String {
        var text = "\(operation.rawValue): errno \(errno) (\(reason))"
        switch origin {
        case .kernel: break
        case .noAnswer: text += ": no answer from the kernel in time"
        case .local(let detail): text += ": \(detail)"
        }
        return text
    }
}
