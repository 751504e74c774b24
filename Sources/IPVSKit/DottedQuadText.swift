/// Dotted-quad text as glibc's `inet_pton(AF_INET)` reads it: exactly four decimal parts
/// 0-255, none with a leading zero (`0` itself is fine), nothing before or after.
///
/// The one reader of this form: the command line's multicast group (`--mcast-group`, which
/// ipvsadm reads with `inet_pton`), the quad at the end of IPv6 text (`::ffff:10.0.0.1`,
/// read by `inet_pton(AF_INET6)`), JSON documents, and the `a.b.c.d[:port]` fast path of
/// `-R` all use it, so the same text never reads two ways. The other form ipvsadm uses,
/// `inet_aton`'s (`-t 10.1`, `-M 0xffffff00`), is the command line's own (`InetText.aton`);
/// every text this one reads, that one reads to the same address.
extension IPv4Address {
    public init?(_ text: some StringProtocol) {
        let read =
            text.utf8.withContiguousStorageIfAvailable(Self.init(dottedQuad:))
            ?? Array(text.utf8).withUnsafeBufferPointer(Self.init(dottedQuad:))
        guard let read else { return nil }
        self = read
    }

    /// The whole of `bytes` as a dotted quad.
    public init?(dottedQuad bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        guard let read = Self.readDottedQuad(bytes, at: &index), index == bytes.count else { return nil }
        self = read
    }

    /// A dotted quad starting at `index`, moving `index` past it; what may follow is the
    /// caller's to say (`a.b.c.d:port`). Each part is the longest run of digits there, so
    /// `1.2.3.4567` is refused rather than read as `1.2.3.45`. Inlinable: the save-format
    /// fast path of `-R` reads two per real-server line.
    @inlinable
    public static func readDottedQuad(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> IPv4Address? {
        var address: UInt32 = 0
        for part in 0..<4 {
            if part > 0 {
                guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
                index += 1
            }
            let start = index
            var octet: UInt32 = 0
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                octet = octet * 10 + UInt32(digit)
                guard octet <= 255 else { return nil }
                index += 1
            }
            // No digit, or a leading zero (inet_pton refuses "01" and "00").
            guard index > start, index == start + 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
            address = address << 8 | octet
        }
        return IPv4Address(address)
    }
}
