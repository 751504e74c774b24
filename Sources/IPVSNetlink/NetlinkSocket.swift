import CIPVSShim
import CNetlink
import Glibc
import IPVSKit

/// The one owner of a libnl generic-netlink socket: opened and resolved once, then used
/// for every exchange (ipvsadm opens a socket and resolves the family per operation).
/// libnl opens, binds and resolves; receiving is ours: one recvmsg per datagram into one
/// buffer, whose messages `Exchange` walks in place.
final class NetlinkSocket {
    private let socket: OpaquePointer  // struct nl_sock *
    private let inFlight = Exchange()
    /// Every datagram is received here; `receiveBytes` long, 8-byte aligned.
    private let receiveBuffer: UnsafeMutableRawPointer
    private let receiveBytes: Int
    private(set) var familyID: UInt16
    private(set) var limits: BatchLimits
    private var lastSequence: UInt32
    /// How many datagrams the last `exchange` received (a dump: its parts and NLMSG_DONE).
    private(set) var datagramsOfLastExchange = 0

    /// What one recvmsg reads at most on the main socket: a page, at most 8 KiB. The kernel
    /// makes each dump part as large as the largest read the socket has seen, but at least
    /// NLMSG_GOODSIZE (that same page or 8 KiB, less the skb overhead), so every part fits.
    /// Small on purpose: a listing starts one dump per service, and with 8 KiB reads every
    /// part would be an 8 KiB skb plus overhead, a multi-page kmalloc_large the kernel also
    /// clears (init_on_alloc); a page-sized one comes from a slab.
    static let pageReceiveBytes = min(Int(getpagesize()), 8 * 1024)

    /// The read size of a socket for long dumps (the service dump): the kernel remembers at
    /// most SKB_WITH_OVERHEAD(32 KiB) of a read (`netlink_recvmsg`), so no part is larger.
    /// The kernel walks its service table from the start for every part of that dump
    /// (`ip_vs_genl_dump_services` skips the entries sent before), so the walks grow with
    /// services times parts, which dominates a `-S -n` of thousands of services with
    /// page-sized parts; parts 8 times larger make 8 times fewer walks.
    static let largeDumpReceiveBytes = 32 * 1024

    /// Buffer sizes we ask for; the kernel caps them at net.core.[rw]mem_max.
    private static let requestedBufferBytes: Int32 = 1 << 20

    /// A socket of the generic-netlink family `name`, resolved here; datagrams of up to a
    /// page (`pageReceiveBytes`).
    convenience init(family name: String) throws {
        try self.init(receiveBytes: Self.pageReceiveBytes)
        let family = genl_ctrl_resolve(socket, name)
        if family == -NLE_OBJ_NOTFOUND { throw IPVSError(errno: ENOENT, operation: .connect) }  // no IPVS in the kernel
        if family < 0 { throw NetlinkFailure.libnl(family, .connect, "resolving the \(name) family") }
        try configure(familyID: UInt16(truncatingIfNeeded: family))
    }

    /// Another socket of a family already resolved, reading datagrams of up to
    /// `receiveBytes` (for dumps of many parts: `largeDumpReceiveBytes`).
    convenience init(familyID: UInt16, receiveBytes: Int) throws {
        try self.init(receiveBytes: receiveBytes)
        try configure(familyID: familyID)
    }

    private init(receiveBytes: Int) throws {
        guard let socket = nl_socket_alloc() else {
            throw NetlinkFailure.system(ENOMEM, .connect, "allocating a socket")
        }
        self.socket = socket
        self.receiveBytes = receiveBytes
        receiveBuffer = .allocate(byteCount: receiveBytes, alignment: 8)
        // Until every property is set, `deinit` would not run; the checks below throw
        // after that point so the socket is always released.
        familyID = 0
        limits = BatchLimits(maxBytes: 1, maxRequests: 1)
        lastSequence = 0

        // libnl reads only the family look-up's answer; it too must be one recvmsg of our
        // size, not libnl's peek (recvmsg with MSG_PEEK to learn the size) then a read of
        // its default 16 KiB: the kernel sizes every later dump part to the largest read
        // the socket has seen.
        nl_socket_disable_msg_peek(socket)
        let buffered = nl_socket_set_msg_buf_size(socket, receiveBytes)
        if buffered < 0 { throw NetlinkFailure.libnl(buffered, .connect, "sizing the receive buffer") }
        let connected = lvs_nl_connect(socket)
        if connected < 0 { throw NetlinkFailure.system(connected, .connect, "opening a generic netlink socket") }
    }

    private func configure(familyID: UInt16) throws {
        self.familyID = familyID
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
        nl_socket_free(socket)
        receiveBuffer.deallocate()
    }

    /// The next sequence number; never 0, which golden messages carry.
    func nextSequence() -> UInt32 {
        lastSequence &+= 1
        if lastSequence == 0 { lastSequence = 1 }
        return lastSequence
    }

    /// Sends `buffer` (complete messages whose sequence numbers are `sequences`) in one
    /// system call and receives until each has its acknowledgement, error or end of dump.
    /// Data replies go to `onReply`. Returns each answered sequence number's errno (0 =
    /// success); one the kernel did not answer in time is missing.
    func exchange(
        _ buffer: [UInt8], sequences: [UInt32], operation: IPVSOperation, onReply: Exchange.ReplyHandler? = nil
    ) throws -> [UInt32: Int32] {
        inFlight.begin(sequences, onReply: onReply)
        var datagrams = 0
        defer {
            inFlight.end()
            datagramsOfLastExchange = datagrams
        }
        let sent = buffer.withUnsafeBytes { lvs_nl_send_buffer(socket, $0.baseAddress, $0.count) }
        if sent < 0 { throw NetlinkFailure.system(Int32(sent), operation, "sending \(sequences.count) request(s)") }
        if sent != buffer.count {
            throw NetlinkFailure.system(EMSGSIZE, operation, "sent \(sent) of \(buffer.count) bytes")
        }
        while !inFlight.pending.isEmpty {
            try receiveRound(operation, datagrams: &datagrams)
        }
        if let malformed = inFlight.malformed { throw NetlinkFailure.malformed(malformed, operation) }
        return inFlight.outcomes
    }

    /// Receives datagrams until one ends outside a multi-part reply (what one call of
    /// libnl's `nl_recvmsgs` read), counting them in `datagrams`. A receive that times out
    /// leaves every request still waiting without an answer (see
    /// `answerTimeoutMilliseconds`).
    private func receiveRound(_ operation: IPVSOperation, datagrams: inout Int) throws {
        inFlight.beginRound()
        while true {
            let received = lvs_nl_receive(socket, receiveBuffer, receiveBytes)
            switch received {
            case -Int(EINTR):
                continue  // a signal came first; libnl read again too
            case -Int(EAGAIN), -Int(EWOULDBLOCK):
                inFlight.abandonPending()
                return
            case ..<0:
                // ENOBUFS: the receive queue overflowed and answers were lost.
                throw NetlinkFailure.system(Int32(truncatingIfNeeded: received), operation, "receiving replies")
            case 0:
                return  // no datagram; libnl ended its round too
            case (receiveBytes + 1)...:
                throw NetlinkFailure.libnl(-NLE_MSG_TRUNC, operation, "receiving a \(received)-byte datagram")
            default:
                datagrams += 1
                do {
                    try inFlight.take(receiveBuffer, count: received)
                } catch {
                    throw NetlinkFailure.libnl(-error.code, operation, "receiving replies")
                }
            }
            if !inFlight.inMultipart { break }
        }
        if inFlight.interrupted { throw NetlinkFailure.libnl(-NLE_DUMP_INTR, operation, "receiving replies") }
    }
}
