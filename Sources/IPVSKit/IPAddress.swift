/// An address family as the kernel numbers it (`AF_INET`, `AF_INET6`).
public struct AddressFamily: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `AF_INET`
    public static let inet = AddressFamily(rawValue: 2)
    /// `AF_INET6`
    public static let inet6 = AddressFamily(rawValue: 10)

    public var description: String {
        switch self {
        case .inet: "inet"
        case .inet6: "inet6"
        default: "af\(rawValue)"
        }
    }
}

/// An IPv4 address. `value` holds it as a number (`10.0.0.1` is `0x0A00_0001`).
public struct IPv4Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var value: UInt32
    public init(_ value: UInt32) { self.value = value }
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// The four bytes in network order.
    public var bytes: [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count >= 4 else { return nil }
        value = bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    public var description: String {
        "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
    }

    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    public var isMulticast: Bool { value >> 28 == 0xE }
}

/// An IPv6 address as eight 16-bit groups, most significant first.
public struct IPv6Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public var bytes: [UInt8] {
        (0..<8).map { UInt8(high >> (56 - 8 * UInt64($0)) & 0xff) }
            + (0..<8).map { UInt8(low >> (56 - 8 * UInt64($0)) & 0xff) }
    }

    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count >= 16 else { return nil }
        let b = Array(bytes.prefix(16))
        high = b[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = b[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    public var groups: [UInt16] {
        (0..<4).map { UInt16(truncatingIfNeeded: high >> (48 - 16 * UInt64($0))) }
            + (0..<4).map { UInt16(truncatingIfNeeded: low >> (48 - 16 * UInt64($0))) }
    }

    init(groups g: [UInt16]) {
        high = g[0..<4].reduce(0) { $0 << 16 | UInt64($1) }
        low = g[4..<8].reduce(0) { $0 << 16 | UInt64($1) }
    }

    /// Text as `inet_pton(AF_INET6)` accepts it, including `::` and a trailing dotted quad.
    public init?(_ text: some StringProtocol) {
        let s = String(text)
        // A cheap first look over the bytes: only hex digits, ':' and '.', and at least two
        // colons. Most text tried here (every "host:port" of a restore) is not IPv6.
        var colons = 0
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: ":"): colons += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "."):
                break
            default: return nil
            }
        }
        guard colons >= 2 else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        let halves = Self.split(s, on: "::")
        guard halves.count <= 2 else { return nil }
        func parse(_ part: String, allowV4: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            var out: [UInt16] = []
            for (i, piece) in pieces.enumerated() {
                if piece.contains(".") {
                    guard allowV4, i == pieces.count - 1, let v4 = IPv4Address(piece) else { return nil }
                    out.append(UInt16(v4.value >> 16))
                    out.append(UInt16(v4.value & 0xffff))
                } else {
                    guard (1...4).contains(piece.count), let n = UInt16(piece, radix: 16) else { return nil }
                    out.append(n)
                }
            }
            return out
        }
        if halves.count == 2 {
            sawGap = true
            guard let h = parse(halves[0], allowV4: false), let t = parse(halves[1], allowV4: true) else { return nil }
            head = h
            tail = t
            guard head.count + tail.count <= 7 else { return nil }
        } else {
            guard let h = parse(halves[0], allowV4: true), h.count == 8 else { return nil }
            head = h
        }
        let fill = sawGap ? Array(repeating: UInt16(0), count: 8 - head.count - tail.count) : []
        self.init(groups: head + fill + tail)
    }

    /// The text `inet_ntop` (glibc) prints: lower-case hex, the longest run of two or more
    /// zero groups as `::` (the first such run on a tie), and a dotted quad for IPv4-mapped
    /// and IPv4-compatible addresses.
    public var description: String {
        let g = groups
        var bestStart = -1
        var bestLength = 0
        var i = 0
        while i < 8 {
            if g[i] == 0 {
                var j = i
                while j < 8 && g[j] == 0 { j += 1 }
                if j - i > bestLength {
                    bestStart = i
                    bestLength = j - i
                }
                i = j
            } else {
                i += 1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var out = ""
        i = 0
        while i < 8 {
            if i == bestStart {
                out += "::"
                i += bestLength
                continue
            }
            if i > 0 && !out.hasSuffix(":") { out += ":" }
            if i == 6 && bestStart == 0 && (bestLength == 6 || (bestLength == 5 && g[5] == 0xffff)) {
                out += IPv4Address(UInt32(g[6]) << 16 | UInt32(g[7])).description
                break
            }
            out += String(g[i], radix: 16)
            i += 1
        }
        return out
    }

    public static func < (a: Self, b: Self) -> Bool { (a.high, a.low) < (b.high, b.low) }

    /// Splits at every occurrence of `separator` (the standard library has no string split).
    private static func split(_ s: String, on separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(s)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    public var isMulticast: Bool { high >> 56 == 0xff }
}

/// An address of either family.
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    case v4(IPv4Address)
    case v6(IPv6Address)

    public var family: AddressFamily {
        switch self {
        case .v4: .inet
        case .v6: .inet6
        }
    }

    /// Parses numeric text of either family (no host names, no brackets).
    public init?(_ text: some StringProtocol) {
        if let v4 = IPv4Address(text) {
            self = .v4(v4)
        } else if let v6 = IPv6Address(text) {
            self = .v6(v6)
        } else {
            return nil
        }
    }

    /// The 16 bytes of the kernel's `union nf_inet_addr`: IPv4 in the first four, zeros after.
    public var kernelBytes: [UInt8] {
        switch self {
        case .v4(let a): a.bytes + Array(repeating: 0, count: 12)
        case .v6(let a): a.bytes
        }
    }

    /// Reads `union nf_inet_addr` bytes for the given family.
    public init?(kernelBytes: some Collection<UInt8>, family: AddressFamily) {
        switch family {
        case .inet:
            guard let a = IPv4Address(bytes: kernelBytes) else { return nil }
            self = .v4(a)
        case .inet6:
            guard let a = IPv6Address(bytes: kernelBytes) else { return nil }
            self = .v6(a)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .v4(let a): a.description
        case .v6(let a): a.description
        }
    }

    public var isMulticast: Bool {
        switch self {
        case .v4(let a): a.isMulticast
        case .v6(let a): a.isMulticast
        }
    }

    /// The all-zero address of a family.
    public static func any(_ family: AddressFamily) -> IPAddress {
        family == .inet6 ? .v6(IPv6Address(high: 0, low: 0)) : .v4(IPv4Address(0))
    }
}
