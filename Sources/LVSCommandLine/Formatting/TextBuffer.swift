import IPVSKit

/// Output text built as bytes, for the listings that print one line per real server.
///
/// A `-S -n` of 110,000 lines built each line from `String` concatenations: every `+`
/// allocated, and the profile showed string growth, integer-to-`String` conversion and
/// `IPv4Address.description` as most of the user time. Numbers and IPv4 addresses are
/// written here digit by digit into one growing array, and the whole listing goes to
/// standard output without becoming a `String` again.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }
    var isEmpty: Bool { bytes.isEmpty }

    /// The text, for the formatters whose callers still take a `String`.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// `%u`/`%llu`
    mutating func append(decimal value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // 32 bytes, 20 needed
        withUnsafeMutableBytes(of: &digits) { raw in
            var rest = value
            var index = raw.count
            while rest > 0 {
                index -= 1
                raw[index] = UInt8(ascii: "0") &+ UInt8(rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: raw[index...])
        }
    }

    mutating func append(decimal value: UInt32) { append(decimal: UInt64(value)) }
    mutating func append(decimal value: UInt16) { append(decimal: UInt64(value)) }

    /// `%d` of an unsigned kernel field read as a C `int` (see `PrintfPadding.signed`).
    mutating func append(signed bits: UInt32) {
        let value = Int32(bitPattern: bits)
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(decimal: UInt64(value.magnitude))
        } else {
            append(decimal: UInt64(value))
        }
    }

    /// `a.b.c.d`, as `IPv4Address.description` writes it.
    mutating func append(_ address: IPv4Address) {
        append(decimal: address.value >> 24)
        bytes.append(UInt8(ascii: "."))
        append(decimal: address.value >> 16 & 0xff)
        bytes.append(UInt8(ascii: "."))
        append(decimal: address.value >> 8 & 0xff)
        bytes.append(UInt8(ascii: "."))
        append(decimal: address.value & 0xff)
    }

    /// `%-Ns` of what was appended since `start`: blanks until it is `width` bytes long.
    mutating func padLeftAligned(from start: Int, width: Int) {
        let missing = width - (bytes.count - start)
        if missing > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: missing)) }
    }
}
