import CIPVSShim
import CNetlink
import Glibc
import IPVSKit

/// The one owner of a libnl generic-netlink socket: opened and resolved once, then used
/// for every exchange (ipvsadm opens a socket and resolves the family per operation).
final class NetlinkSocket {
    private let socket: OpaquePointer  // struct nl_sock *
    private let callbacks: OpaquePointer  // struct nl_cb *
    private let completion: UnsafeMutablePointer<lvs_nl_completion>
    private let inFlight = Exchange()
    private(set) var familyID: UInt16
    private(set) var limits: BatchLimits
    private var lastSequence: UInt32
    /// How many datagrams the last `exchange` received (a dump: its parts and NLMSG_DONE).
    private(set) var datagramsOfLastExchange = 0

    /// What one recvmsg reads at most: a page, at most 8 KiB. The kernel makes each dump
    /// part as large as the largest read the socket has seen, but at least NLMSG_GOODSIZE
    /// (that same page or 8 KiB, less the skb overhead), so every part fits. Small on
    /// purpose: a listing starts one dump per service, and with 8 KiB reads every part was
    /// an 8 KiB skb plus overhead, a multi-page kmalloc_large the kernel also clears
    /// (init_on_alloc), which showed in profiles; a page-sized one comes from a slab.
    private static let receiveBufferBytes = min(Int(getpagesize()), 8 * 1024)

    /// Buffer sizes we ask for; the kernel caps them at net.core.[rw]mem_max.
    private static let requestedBufferBytes: Int32 = 1 << 20

    init(family name: String) throws {
        guard let socket = nl_socket_alloc() else { throw NetlinkFailure.system(ENOMEM, .connect, "allocating a socket") }
        guard let callbacks = nl_cb_alloc(NL_CB_DEFAULT) else {
            nl_socket_free(socket)
            throw NetlinkFailure.system(ENOMEM, .connect, "allocating callbacks")
        }
        self.socket = socket
        self.callbacks = callbacks
        completion = .allocate(capacity: 1)
        inFlight.install(on: callbacks, storage: completion)
        lvs_nl_cb_count_datagrams(callbacks)
        // Until every property is set, `deinit` would not run; the checks below throw
        // after that point so the socket is always released.
        familyID = 0
        limits = BatchLimits(maxBytes: 1, maxRequests: 1)
        lastSequence = 0

        // One recvmsg per datagram into a buffer every datagram fits, instead of libnl's
        // peek (recvmsg with MSG_PEEK to learn the size) then read: that halves the system
        // calls of a listing, which makes two datagrams per service. The kernel sizes a
        // dump part to the largest read the socket has seen (at least a page), and replies
        // to single requests are far smaller; a datagram that did not fit would fail the
        // exchange (NLE_MSG_TRUNC), not come back cut. Set before the family look-up, the
        // first read: libnl's default read of 16 KiB would make every later dump part that
        // large.
        nl_socket_disable_msg_peek(socket)
        let buffered = nl_socket_set_msg_buf_size(socket, Self.receiveBufferBytes)
        if buffered < 0 { throw NetlinkFailure.libnl(buffered, .connect, "sizing the receive buffer") }
        let connected = lvs_nl_connect(socket)
        if connected < 0 { throw NetlinkFailure.system(connected, .connect, "opening a generic netlink socket") }
        let family = genl_ctrl_resolve(socket, name)
        if family == -NLE_OBJ_NOTFOUND { throw IPVSError(errno: ENOENT, operation: .connect) }  // no IPVS in the kernel
        if family < 0 { throw NetlinkFailure.libnl(family, .connect, "resolving the \(name) family") }
        familyID = UInt16(truncatingIfNeeded: family)

        // Our own sequence numbers from here on; several requests share one datagram.
        nl_socket_disable_seq_check(socket)
        nl_socket_disable_auto_ack(socket)
        lastSequence = nl_socket_use_seq(socket)
        // An error acknowledgement then carries the request's header, not the request.
        let cappedAcks = lvs_nl_set_option(socket, NETLINK_CAP_ACK, 1) == 0
        let sized = nl_socket_set_buffer_size(socket, Self.requestedBufferBytes, Self.requestedBufferBytes)
        if sized < 0 { throw NetlinkFailure.libnl(sized, .connect, "sizing the socket buffers") }
        let send = lvs_nl_get_socket_int(socket, SO_SNDBUF)
        let receive = lvs_nl_get_socket_int(socket, SO_RCVBUF)
        if send < 0 || receive < 0 { throw NetlinkFailure.system(min(send, receive), .connect, "reading buffer sizes") }
        limits = .forBuffers(send: Int(send), receive: Int(receive), cappedAcks: cappedAcks)
        let timeout = lvs_nl_set_receive_timeout(socket, Self.answerTimeoutMilliseconds)
        if timeout < 0 { throw NetlinkFailure.system(timeout, .connect, "setting the receive timeout") }
    }

    /// How long to wait for an answer that is not there. The kernel handles a request and
    /// queues its answer inside our `sendmsg`, and makes each further dump part inside our
    /// `recvmsg`, so every answer is waiting by the time we read; but a handler that ends in
    /// EINTR gets no acknowledgement at all (`netlink_rcv_skb` skips it: stopping a sync
    /// daemon whose thread has not run yet does this), and without a bound we would wait
    /// for it forever.
    private static let answerTimeoutMilliseconds: Int32 = 5_000

    deinit {
        nl_cb_put(callbacks)
        nl_socket_free(socket)
        completion.deallocate()
    }

    /// The next sequence number; never 0, which golden messages carry.
    func nextSequence() -> UInt32 {
        lastSequence &+= 1
        if lastSequence == 0 { lastSequence = 1 }
        return lastSequence
    }

    /// Sends `buffer` (complete messages whose sequence numbers are `sequences`) in one
    /// system call and receives until each has its acknowledgement, error or end of dump.
    /// Data replies go to `onReply`. Returns each sequence number's errno (0 = success).
    func exchange(
        _ buffer: [UInt8], sequences: [UInt32], operation: IPVSOperation, onReply: Exchange.ReplyHandler? = nil
    ) throws -> [UInt32: Int32] {
        inFlight.begin(sequences, onReply: onReply)
        let receivedBefore = lvs_nl_datagrams_received()
        defer {
            inFlight.end()
            datagramsOfLastExchange = Int(truncatingIfNeeded: lvs_nl_datagrams_received() &- receivedBefore)
        }
        let sent = buffer.withUnsafeBytes { lvs_nl_send_buffer(socket, $0.baseAddress, $0.count) }
        if sent < 0 { throw NetlinkFailure.system(Int32(sent), operation, "sending \(sequences.count) request(s)") }
        if sent != buffer.count { throw NetlinkFailure.system(EMSGSIZE, operation, "sent \(sent) of \(buffer.count) bytes") }
        while !inFlight.pending.isEmpty {
            let received = nl_recvmsgs(socket, callbacks)
            if received == -NLE_AGAIN {
                inFlight.abandonPending(errno: EINTR)  // see answerTimeoutMilliseconds
            } else if received < 0 {
                throw NetlinkFailure.libnl(received, operation, "receiving replies")
            }
        }
        if let malformed = inFlight.malformed { throw NetlinkFailure.malformed(malformed, operation) }
        return inFlight.outcomes
    }
}
