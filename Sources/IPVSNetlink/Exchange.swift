import CNetlink

/// What has come back for the requests in flight, and how a received datagram is read: the
/// socket receives into its buffer, `take` walks the messages in place and settles the
/// requests they answer. Lives as long as its socket; `begin` resets it for each exchange.
///
/// The walk keeps the rules of libnl's `nl_recvmsgs` (sequence numbers, acknowledgements,
/// errors, multi-part ends), without its copy and allocation of every message into an `nl_msg`: a listing makes
/// two datagrams and several messages per service.
package final class Exchange {
    package typealias ReplyHandler = (UnsafeMutablePointer<nlmsghdr>) throws(MalformedReply) -> Void

    /// A datagram that ends the receive, as `nl_recvmsgs` ended with one of its codes.
    package struct Stop: Error, Equatable {
        /// libnl's `NLE_*` code (positive), so the error reads as libnl's would.
        package var code: Int32
    }

    /// Sequence numbers still waiting for their acknowledgement, error or NLMSG_DONE.
    private(set) var pending: Set<UInt32> = []
    /// Each answered request's errno, 0 for success; an abandoned request has none.
    private(set) var outcomes: [UInt32: Int32] = [:]
    /// The first reply that did not decode; the exchange still drains the rest.
    private(set) var malformed: MalformedReply?
    private var onReply: ReplyHandler?
    /// Inside a multi-part reply: a message flagged NLM_F_MULTI came and no NLMSG_DONE
    /// after it, so the next datagram belongs to the same round of receives.
    private(set) var inMultipart = false
    /// A message of this round came with NLM_F_DUMP_INTR: the kernel says its dump saw the
    /// table change. The round is read to its end, then reported (libnl's NLE_DUMP_INTR).
    private(set) var interrupted = false

    package init() {}

    package func begin(_ sequences: [UInt32], onReply: ReplyHandler?) {
        pending = Set(sequences)
        outcomes = [:]
        malformed = nil
        self.onReply = onReply
        beginRound()
    }

    package func end() {
        pending = []
        onReply = nil
    }

    /// A round is what one `nl_recvmsgs` call read: datagrams until one ends outside a
    /// multi-part reply.
    func beginRound() {
        inMultipart = false
        interrupted = false
    }

    /// An acknowledgement, error or end of dump. Answers to requests not in flight (a
    /// broken exchange's leftovers) are ignored.
    func complete(_ sequence: UInt32, errno: Int32) {
        if pending.remove(sequence) != nil { outcomes[sequence] = errno }
    }

    /// Stops waiting for the requests still in flight, leaving them without an outcome:
    /// the kernel answers each request while it is being sent, so one that has no answer
    /// by now never gets one.
    func abandonPending() {
        pending = []
    }

    /// A data message: a reply to a query.
    func reply(_ message: UnsafeMutablePointer<nlmsghdr>) {
        guard pending.contains(message.pointee.nlmsg_seq), malformed == nil, let onReply else { return }
        do {
            try onReply(message)
        } catch {
            malformed = error
        }
    }

    /// Walks the messages of one datagram, `count` bytes at `datagram` (4-byte aligned), in
    /// place; replies are decoded before this returns, so the buffer may be reused after.
    /// A message that runs past the datagram ends the walk, as in libnl (`nlmsg_ok`).
    package func take(_ datagram: UnsafeMutableRawPointer, count: Int) throws(Stop) {
        var remaining = Int32(clamping: count)
        var message = datagram.assumingMemoryBound(to: nlmsghdr.self)
        while nlmsg_ok(message, remaining) != 0 {
            try take(message)
            guard let next = nlmsg_next(message, &remaining) else { break }
            message = next
        }
    }

    private func take(_ message: UnsafeMutablePointer<nlmsghdr>) throws(Stop) {
        let header = message.pointee
        let flags = Int32(header.nlmsg_flags)
        if flags & NLM_F_MULTI != 0 { inMultipart = true }
        if flags & NLM_F_DUMP_INTR != 0 { interrupted = true }
        switch Int32(header.nlmsg_type) {
        case NLMSG_DONE:
            inMultipart = false
            complete(header.nlmsg_seq, errno: Self.doneStatus(message))
        case NLMSG_NOOP:
            break
        case NLMSG_OVERRUN:
            throw Stop(code: NLE_MSG_OVERFLOW)  // data was lost
        case NLMSG_ERROR:
            guard Int(header.nlmsg_len) >= Int(nlmsg_size(Int32(MemoryLayout<nlmsgerr>.size))),
                let data = nlmsg_data(message)
            else { throw Stop(code: NLE_MSG_TRUNC) }
            let error = UnsafeRawPointer(data).loadUnaligned(as: nlmsgerr.self)
            if error.error == 0 {
                complete(header.nlmsg_seq, errno: 0)
            } else {
                // The kernel's errno, unchanged (libnl would fold ESRCH and ENOENT into one
                // code). `msg` is the request's header, which carries its sequence number
                // even with NETLINK_CAP_ACK. Wrapping: a malformed reply may carry
                // Int32.min, which has no negation.
                complete(error.msg.nlmsg_seq, errno: 0 &- error.error)
            }
        default:
            reply(message)
        }
    }

    /// NLMSG_DONE's payload, when there is one, is the dump's own status (0 or a negative
    /// errno); libnl does not look at it.
    private static func doneStatus(_ message: UnsafeMutablePointer<nlmsghdr>) -> Int32 {
        guard nlmsg_datalen(message) >= Int32(MemoryLayout<Int32>.size), let data = nlmsg_data(message) else {
            return 0
        }
        let status = UnsafeRawPointer(data).loadUnaligned(as: Int32.self)
        return status < 0 ? 0 &- status : 0
    }
}
