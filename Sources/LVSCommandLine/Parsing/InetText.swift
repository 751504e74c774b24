import IPVSKit

/// The C library's address-text readers, which decide what ipvsadm accepts. The
/// `inet_pton` forms are IPVSKit's (`IPv4Address(_:)`, `IPv6Address(_:)`), shared with
/// JSON input; `inet_aton`'s is the command line's alone.
package enum InetText {
    /// glibc `inet_aton`: one to four parts separated by dots, each decimal, octal
    /// (`010`) or hex (`0x1f`); the last part fills the remaining bytes (`1.2.3` is
    /// 1.2.0.3, `167772161` is 10.0.0.1). Anything after a blank is ignored, as glibc does.
    package static func aton(_ text: String) -> IPv4Address? {
        let bytes = Array(text.utf8)
        var parts: [UInt32] = []
        var index = 0
        while true {
            guard index < bytes.count, NumberText.isDigit(bytes[index]) else { return nil }
            guard let (value, next) = strtoul(bytes, from: index) else { return nil }
            index = next
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                guard parts.count < 3, value <= 0xff else { return nil }
                parts.append(value)
                index += 1
                continue
            }
            guard index == bytes.count || NumberText.isCSpace(bytes[index]) else { return nil }
            // The last part fills what the earlier ones left.
            let bitsLeft = UInt32(32 - 8 * parts.count)
            guard bitsLeft == 32 || value < (1 << bitsLeft) else { return nil }
            let head = parts.reduce(UInt32(0)) { $0 << 8 | $1 } << bitsLeft
            return IPv4Address(bitsLeft == 32 ? value : head | value)
        }
    }

    /// `strtoul(text, &end, 0)` for text starting with a digit: `0x` hex when a hex digit
    /// follows, a leading `0` octal, else decimal. nil when the value exceeds 32 bits
    /// (inet_aton refuses those).
    private static func strtoul(_ bytes: [UInt8], from start: Int) -> (UInt32, Int)? {
        var index = start
        var radix: UInt64 = 10
        if bytes[index] == UInt8(ascii: "0") {
            let x = index + 1
            if x + 1 < bytes.count, bytes[x] | 0x20 == UInt8(ascii: "x"), hexValue(bytes[x + 1]) != nil {
                radix = 16
                index = x + 1
            } else {
                radix = 8
            }
        }
        var value: UInt64 = 0
        while index < bytes.count, let digit = hexValue(bytes[index]), UInt64(digit) < radix {
            value = value * radix + UInt64(digit)
            guard value <= 0xffff_ffff else { return nil }
            index += 1
        }
        return (UInt32(value), index)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `inet_pton(AF_INET6)`.
    static func pton6(_ text: String) -> IPv6Address? {
        IPv6Address(text)
    }
}
