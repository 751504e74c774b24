import CIPVSShim
import CNetlink

/// What has come back for the requests in flight: the libnl callbacks write here, the
/// socket reads it. Lives as long as its socket; `begin` resets it for each exchange.
final class Exchange {
    typealias ReplyHandler = (UnsafeMutablePointer<nlmsghdr>) throws(MalformedReply) -> Void

    /// Sequence numbers still waiting for their acknowledgement, error or NLMSG_DONE.
    private(set) var pending: Set<UInt32> = []
    /// Each finished request's errno, 0 for success.
    private(set) var outcomes: [UInt32: Int32] = [:]
    /// The first reply that did not decode; the exchange still drains the rest.
    private(set) var malformed: MalformedReply?
    private var onReply: ReplyHandler?

    func begin(_ sequences: [UInt32], onReply: ReplyHandler?) {
        pending = Set(sequences)
        outcomes = [:]
        malformed = nil
        self.onReply = onReply
    }

    func end() {
        pending = []
        onReply = nil
    }

    /// An acknowledgement, error or end of dump. Answers to requests not in flight (a
    /// broken exchange's leftovers) are ignored.
    func complete(_ sequence: UInt32, errno: Int32) {
        if pending.remove(sequence) != nil { outcomes[sequence] = errno }
    }

    /// Gives every request still in flight the errno `error`: the kernel answers each
    /// request while it is being sent, so one that has no answer by now never gets one.
    func abandonPending(errno error: Int32) {
        for sequence in pending { outcomes[sequence] = error }
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

    /// Installs this exchange as the receiver of everything `callbacks` sees. `storage` is
    /// the shim's completion record, owned by the caller for the callbacks' lifetime.
    func install(on callbacks: OpaquePointer, storage: UnsafeMutablePointer<lvs_nl_completion>) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        storage.initialize(
            to: lvs_nl_completion(
                function: { context, sequence, error in
                    guard let context else { return }
                    Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue().complete(sequence, errno: error)
                },
                context: context))
        lvs_nl_cb_set_completion(callbacks, storage)
        nl_cb_set(
            callbacks, NL_CB_VALID, NL_CB_CUSTOM,
            { message, context in
                if let context, let header = nlmsg_hdr(message) {
                    Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue().reply(header)
                }
                return Int32(NL_SKIP.rawValue)
            }, context)
    }
}
