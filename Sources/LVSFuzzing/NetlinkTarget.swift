import CNetlink
import IPVSKit
import IPVSNetlink

/// A datagram as if from the kernel: the first input byte picks the reply decoder (low
/// bits) and whether the first message's `nlmsg_len` is made to cover the datagram (high
/// bit, so mutations reach the attributes rather than stopping at the header check); the
/// rest is the datagram. It is walked as a receive does (`Exchange.take`, replies decoded
/// as they come) and its first message is decoded alone (`IPVSReplies.decode`). Neither
/// may trap or read past the datagram (the fuzz build has the address sanitizer; the
/// buffer is exactly the datagram's size).
enum NetlinkTarget {
    /// The decoders a receive hands replies to. A switch rather than an array of
    /// closures: the compiler crashes on an array of typed-throws closures.
    enum Decoder: CaseIterable {
        case service, serviceWithoutStatistics, serviceID, realServerV4, realServerV6
        case realServerWithoutStatistics, daemon, info, timeouts

        func decode(_ message: IPVSReplies.Message) throws(MalformedReply) {
            switch self {
            case .service: _ = try IPVSReplies.service(message)
            case .serviceWithoutStatistics: _ = try IPVSReplies.service(message, statistics: false)
            case .serviceID: _ = try IPVSReplies.serviceID(message)
            case .realServerV4: _ = try IPVSReplies.realServer(message, serviceFamily: .inet)
            case .realServerV6: _ = try IPVSReplies.realServer(message, serviceFamily: .inet6)
            case .realServerWithoutStatistics:
                _ = try IPVSReplies.realServer(message, serviceFamily: .inet, statistics: false)
            case .daemon: _ = try IPVSReplies.daemon(message)
            case .info: _ = try IPVSReplies.info(message)
            case .timeouts: _ = try IPVSReplies.timeouts(message)
            }
        }
    }

    static func run(_ input: [UInt8]) {
        guard let control = input.first else { return }
        let decoder = Decoder.allCases[Int(control & 0x7f) % Decoder.allCases.count]
        var datagram = Array(input.dropFirst())
        let headerSize = MemoryLayout<nlmsghdr>.size
        if control & 0x80 != 0, datagram.count >= headerSize {
            let length = UInt32(datagram.count)
            withUnsafeBytes(of: length) { datagram.replaceSubrange(0..<4, with: $0) }
        }

        // Exactly the datagram's bytes, 8-byte aligned as a receive buffer is.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(datagram.count, 1), alignment: 8)
        defer { buffer.deallocate() }
        datagram.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress { buffer.copyMemory(from: base, byteCount: bytes.count) }
        }
        let exchange = Exchange()
        // The sequence numbers a fuzzer finds first (seeds carry 0).
        exchange.begin([0, 1, 2]) { message throws(MalformedReply) in try decoder.decode(message) }
        try? exchange.take(buffer, count: datagram.count)
        exchange.end()

        _ = try? IPVSReplies.decode(datagram) { message throws(MalformedReply) in try decoder.decode(message) }
    }
}
