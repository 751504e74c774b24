import CNetlink
import Glibc
import Testing

@testable import IPVSNetlink

/// The receive walk: datagrams as the kernel lays them out, several messages each, walked
/// in place by `Exchange.take` with the rules libnl's `nl_recvmsgs` had.
@Suite struct ExchangeTests {
    /// One netlink message: header, payload, padding to 4 bytes. `length` overrides
    /// nlmsg_len (a message that claims more or less than it has).
    static func message(
        type: Int32, flags: Int32 = 0, sequence: UInt32, payload: [UInt8] = [], length: UInt32? = nil
    ) -> [UInt8] {
        var header = nlmsghdr()
        header.nlmsg_len = length ?? UInt32(MemoryLayout<nlmsghdr>.size + payload.count)
        header.nlmsg_type = UInt16(type)
        header.nlmsg_flags = UInt16(flags)
        header.nlmsg_seq = sequence
        var bytes = withUnsafeBytes(of: header) { Array($0) } + payload
        while bytes.count % 4 != 0 { bytes.append(0) }
        return bytes
    }

    static func int32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    /// NLMSG_ERROR with `errno` (0: an acknowledgement) answering the request `sequence`;
    /// the outer header carries `outerSequence`, to tell which of the two is read.
    static func ack(errno: Int32, sequence: UInt32, outerSequence: UInt32) -> [UInt8] {
        var request = nlmsghdr()
        request.nlmsg_len = 20
        request.nlmsg_seq = sequence
        let payload = int32(-errno) + withUnsafeBytes(of: request) { Array($0) }
        return message(type: NLMSG_ERROR, sequence: outerSequence, payload: payload)
    }

    static func data(_ sequence: UInt32, _ marker: UInt8, multi: Bool = true) -> [UInt8] {
        message(type: 0x1c, flags: multi ? NLM_F_MULTI : 0, sequence: sequence, payload: [marker, 0, 0, 0])
    }

    static func done(_ sequence: UInt32, status: Int32? = 0) -> [UInt8] {
        message(type: NLMSG_DONE, flags: NLM_F_MULTI, sequence: sequence, payload: status.map(int32) ?? [])
    }

    /// Walks `bytes` as one datagram, collecting the first payload byte of each reply.
    static func walk(_ exchange: Exchange, _ bytes: [UInt8], count: Int? = nil) throws(Exchange.Stop) {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        defer { buffer.deallocate() }
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        try exchange.take(buffer, count: count ?? bytes.count)
    }

    final class Replies {
        var markers: [UInt8] = []
        var failAt: UInt8?
    }

    static func exchange(_ sequences: [UInt32], _ replies: Replies) -> Exchange {
        let exchange = Exchange()
        exchange.begin(sequences) { message throws(MalformedReply) in
            let marker = UnsafeRawPointer(nlmsg_data(message)!).load(as: UInt8.self)
            if marker == replies.failAt { throw MalformedReply(reason: "marker \(marker)") }
            replies.markers.append(marker)
        }
        return exchange
    }

    @Test func aDumpPartThenItsEnd() throws {
        let replies = Replies()
        let exchange = Self.exchange([5], replies)
        try Self.walk(exchange, Self.data(5, 1) + Self.data(5, 2) + Self.data(5, 3))
        #expect(replies.markers == [1, 2, 3])
        #expect(exchange.inMultipart)  // the next datagram belongs to this round
        #expect(exchange.pending == [5])
        try Self.walk(exchange, Self.done(5))
        #expect(!exchange.inMultipart)
        #expect(exchange.pending.isEmpty && exchange.outcomes == [5: 0])
    }

    @Test func doneCarriesTheDumpsStatus() throws {
        let replies = Replies()
        let exchange = Self.exchange([1, 2], replies)
        try Self.walk(exchange, Self.done(1, status: -ENOENT) + Self.done(2, status: nil))
        #expect(exchange.outcomes == [1: ENOENT, 2: 0])  // no payload: success
    }

    @Test func errorAcksNameTheRequestTheyAnswer() throws {
        let replies = Replies()
        let exchange = Self.exchange([7, 8, 9], replies)
        // A batch: many acknowledgements in one datagram. An error names its request in the
        // echoed header; a positive acknowledgement's own header carries the sequence.
        let datagram =
            Self.ack(errno: 0, sequence: 0, outerSequence: 7) + Self.ack(errno: ESRCH, sequence: 8, outerSequence: 0)
            + Self.ack(errno: EEXIST, sequence: 9, outerSequence: 0)
        try Self.walk(exchange, datagram)
        #expect(exchange.outcomes == [7: 0, 8: ESRCH, 9: EEXIST])
        #expect(exchange.pending.isEmpty)
    }

    @Test func answersToOtherRequestsAreIgnored() throws {
        let replies = Replies()
        let exchange = Self.exchange([3], replies)
        try Self.walk(
            exchange, Self.data(2, 9) + Self.ack(errno: EPERM, sequence: 2, outerSequence: 2) + Self.data(3, 4))
        #expect(replies.markers == [4])
        #expect(exchange.outcomes.isEmpty && exchange.pending == [3])
    }

    @Test func aTruncatedErrorStopsTheReceive() {
        let exchange = Self.exchange([1], Replies())
        let short = Self.message(type: NLMSG_ERROR, sequence: 1, payload: Self.int32(-EPERM))
        #expect(throws: Exchange.Stop(code: NLE_MSG_TRUNC)) { try Self.walk(exchange, short) }
        #expect(exchange.pending == [1])
    }

    @Test func anOverrunStopsTheReceive() {
        let exchange = Self.exchange([1], Replies())
        #expect(throws: Exchange.Stop(code: NLE_MSG_OVERFLOW)) {
            try Self.walk(exchange, Self.message(type: NLMSG_OVERRUN, sequence: 1))
        }
    }

    @Test func aMessageRunningPastTheDatagramEndsTheWalk() throws {
        let replies = Replies()
        let exchange = Self.exchange([1], replies)
        let overlong = Self.message(type: 0x1c, sequence: 1, payload: [2, 0, 0, 0], length: 400)
        try Self.walk(exchange, Self.data(1, 1) + overlong + Self.done(1))
        #expect(replies.markers == [1])
        #expect(exchange.pending == [1])
        // Only the first `count` bytes are the datagram, whatever the buffer holds after.
        let second = Self.exchange([1], replies)
        let first = Self.data(1, 5)
        try Self.walk(second, first + Self.done(1), count: first.count)
        #expect(second.pending == [1])
    }

    @Test func noopsAreSkippedAndInterruptedDumpsMarked() throws {
        let replies = Replies()
        let exchange = Self.exchange([4], replies)
        let interrupted = Self.message(
            type: 0x1c, flags: NLM_F_MULTI | NLM_F_DUMP_INTR, sequence: 4, payload: [6, 0, 0, 0])
        try Self.walk(exchange, Self.message(type: NLMSG_NOOP, sequence: 4) + interrupted + Self.done(4))
        #expect(replies.markers == [6])
        #expect(exchange.interrupted && exchange.outcomes == [4: 0])
        exchange.beginRound()
        #expect(!exchange.interrupted)
    }

    @Test func theFirstMalformedReplyIsKeptAndTheRestDrained() throws {
        let replies = Replies()
        replies.failAt = 2
        let exchange = Self.exchange([1], replies)
        try Self.walk(exchange, Self.data(1, 1) + Self.data(1, 2) + Self.data(1, 3) + Self.done(1))
        #expect(replies.markers == [1])
        #expect(exchange.malformed?.reason == "marker 2")
        #expect(exchange.outcomes == [1: 0])
    }
}
