import CNetlink
import Glibc
import IPVSKit

/// The one place where return codes become typed errors.
///
/// A kernel answer keeps its errno unchanged (origin `.kernel`): it is the user's error
/// (EEXIST, ESRCH, ...). A request the kernel did not answer in time is `.noAnswer`.
/// Anything else (a socket that broke, a libnl failure, a reply that does not parse) is
/// `.local`, with what failed: ours, not the user's.
enum NetlinkFailure {
    /// The outcome of one request from what the exchange recorded for it: nil for
    /// success, the kernel's errno, or no answer (`Exchange.abandonPending`).
    static func answer(_ errno: Int32?, _ operation: IPVSOperation) -> IPVSError? {
        guard let errno else { return IPVSError(errno: EINTR, operation: operation, origin: .noAnswer) }
        return errno == 0 ? nil : IPVSError(errno: errno, operation: operation)
    }

    /// A system call that failed with `errno` (positive or negated).
    static func system(_ errno: Int32, _ operation: IPVSOperation, _ doing: String) -> IPVSError {
        let code = abs(errno)
        return IPVSError(
            errno: code, operation: operation, origin: .local(detail: "\(doing): \(String(cString: strerror(code)))"))
    }

    /// A negative libnl code (`-NLE_*`). libnl folds several errnos into one code, so the
    /// errno here is only the closest one; the detail has libnl's own words.
    static func libnl(_ code: Int32, _ operation: IPVSOperation, _ doing: String) -> IPVSError {
        IPVSError(
            errno: errnoNearest(toLibnl: abs(code)), operation: operation,
            origin: .local(detail: "\(doing): \(libnlText(code))"))
    }

    /// A reply that does not have the schema's shape.
    static func malformed(_ failure: MalformedReply, _ operation: IPVSOperation) -> IPVSError {
        IPVSError(errno: EBADMSG, operation: operation, origin: .local(detail: "unreadable reply: \(failure.reason)"))
    }

    private static func errnoNearest(toLibnl code: Int32) -> Int32 {
        switch code {
        case NLE_NOMEM: ENOBUFS  // how a full receive queue (ENOBUFS) comes back from libnl
        case NLE_PERM, NLE_NOACCESS: EPERM
        case NLE_OBJ_NOTFOUND: ENOENT
        case NLE_INTR, NLE_DUMP_INTR: EINTR
        case NLE_AGAIN: EAGAIN
        case NLE_MSG_TRUNC, NLE_MSGSIZE: EMSGSIZE
        case NLE_BAD_SOCK: EBADF
        case NLE_PROTO_MISMATCH: EPROTONOSUPPORT
        default: EIO
        }
    }
}
