/// How many requests `NetlinkIPVSClient.perform(_:)` puts in one `sendmsg`.
///
/// The kernel handles every message of a datagram inside that one `sendmsg` and queues
/// one acknowledgement per message on our socket before the call returns. A datagram must
/// therefore stay below the send buffer (else EMSGSIZE), and its acknowledgements must all
/// fit the receive buffer at once (else the kernel drops them and the socket reports
/// ENOBUFS). The receive buffer is charged an skb's true size per acknowledgement, about
/// 768 bytes for a 36-byte ack capped with NETLINK_CAP_ACK, not the 36 bytes.
public struct BatchLimits: Hashable, Sendable {
    /// Bytes of requests per system call.
    public var maxBytes: Int
    /// Requests per system call, i.e. unacknowledged requests in flight.
    public var maxRequests: Int

    public init(maxBytes: Int, maxRequests: Int) {
        self.maxBytes = max(1, maxBytes)
        self.maxRequests = max(1, maxRequests)
    }

    /// A datagram size well inside any send buffer the kernel grants.
    static let preferredBytes = 32 * 1024
    /// What one acknowledgement costs the receive buffer, with room to spare: a capped ack
    /// is ~768 bytes of skb; an uncapped error ack also carries the request back.
    static func ackCost(capped: Bool) -> Int { capped ? 1024 : 4096 }

    /// The limits for the buffer sizes `getsockopt` reports (the kernel's doubled values).
    /// The kernel refuses a datagram longer than the send buffer less 32 bytes.
    public static func forBuffers(send: Int, receive: Int, cappedAcks: Bool) -> BatchLimits {
        BatchLimits(
            maxBytes: min(preferredBytes, send - 1024),
            maxRequests: receive / ackCost(capped: cappedAcks))
    }

    /// Whether a message of `size` bytes may join a run that already holds `count`
    /// messages of `bytes` in all. An empty run takes any message: one larger than
    /// `maxBytes` goes alone.
    public func admits(_ size: Int, afterCount count: Int, bytes: Int) -> Bool {
        count == 0 || (count < maxRequests && bytes + size <= maxBytes)
    }
}
