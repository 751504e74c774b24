import IPVSKit
import LVSCommandLine
import Logging

/// Why lvsadmd writes the table: said in every write's log line.
public enum WriteCause: String, Sendable {
    case start
    case health
    case reload
    case maintenance
    /// Someone changed a managed service behind lvsadmd's back; the write puts it back.
    case drift
    case stop
}

/// One plan sent to the kernel in one batch, and what became of it.
public struct TableWrite: Sendable {
    public var cause: WriteCause
    public var requests: [IPVSRequest]
    /// The kernel's answer to each request, in order (nil: done).
    public var errors: [IPVSError?]

    public var failures: Int { errors.count { $0 != nil } }

    /// Sends `plan` in one batch (the client packs it into as few system calls as it can)
    /// and logs one summary line and one line per request, as the ipvsadm line that makes
    /// the same change. A failed request is logged and left: the next reconcile (drift,
    /// at the latest) plans it again from a fresh read.
    static func send(_ plan: [IPVSRequest], cause: WriteCause, client: any IPVSClient, logger: Logger) throws
        -> TableWrite
    {
        let errors = try client.perform(plan)
        let write = TableWrite(cause: cause, requests: plan, errors: errors)
        let failed = write.failures
        let refused = failed > 0 ? ", \(failed) refused" : ""
        logger.notice("table: \(plan.count) \(plan.count == 1 ? "change" : "changes") (\(cause.rawValue))\(refused)")
        let resolver = NumericOnly()
        for (request, error) in zip(plan, errors) {
            let line = ChangeFormat.line(request, resolver: resolver).dropLast()
            if let error {
                logger.error("  \(line): \(KernelMessages.describe(error))")
            } else if cause == .drift {
                logger.warning("  repaired drift: \(line)")
            } else {
                logger.notice("  \(line)")
            }
        }
        return write
    }
}
