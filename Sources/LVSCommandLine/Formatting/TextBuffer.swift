import IPVSKit

/// Output text built as bytes, for the listings that print one line per real server.
///
/// Built from `String` concatenations, a `-S -n` of 110,000 lines would allocate at every
/// `+` and spend most of its time growing strings and converting integers and IPv4
/// addresses to `String`s. Numbers and IPv4 addresses are
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
        appendShort { Self.write(decimal: value, at: $0) }
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
        appendShort { Self.write(address, at: $0) }
    }

    /// `a.b.c.d:port`, the numeric address text of `-S -n` and `-L -n`, twice per line.
    mutating func append(_ address: IPv4Address, port: UInt16) {
        appendShort { start in
            var end = start + Self.write(address, at: start)
            end.pointee = UInt8(ascii: ":")
            end += 1
            return end - start + Self.write(decimal: UInt64(port), at: end)
        }
    }

    /// Appends what `write` puts at the pointer it is given (at most `shortBytes`; it
    /// returns how many) in one append, not one append per digit or dot, each with its own
    /// uniqueness and capacity check.
    private mutating func appendShort(_ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        var scratch: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            guard let base = raw.baseAddress else { return }
            let start = base.bindMemory(to: UInt8.self, capacity: Self.shortBytes)
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: start, count: write(start)))
        }
    }

    private static let shortBytes = 32

    /// Writes `value` in decimal at `start`; returns its length (at most 20).
    private static func write(decimal value: UInt64, at start: UnsafeMutablePointer<UInt8>) -> Int {
        var length = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            length += 1
        }
        rest = value
        var index = length
        repeat {
            index -= 1
            start[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        return length
    }

    /// Writes `a.b.c.d` at `start`; returns its length (at most 15).
    private static func write(_ address: IPv4Address, at start: UnsafeMutablePointer<UInt8>) -> Int {
        var length = write(decimal: UInt64(address.value >> 24), at: start)
        for shift: UInt32 in stride(from: 16, through: 0, by: -8) {
            start[length] = UInt8(ascii: ".")
            length += 1 + write(decimal: UInt64(address.value >> shift & 0xff), at: start + length + 1)
        }
        return length
    }

    /// `%-Ns` of what was appended since `start`: blanks until it is `width` bytes long.
    mutating func padLeftAligned(from start: Int, width: Int) {
        let missing = width - (bytes.count - start)
        if missing > 0 { appendBlanks(missing) }
    }

    /// `count` blanks, copied from a constant run of them (appending a `repeatElement`
    /// went element by element: `-L -n` pads four columns a line).
    mutating func appendBlanks(_ count: Int) {
        var rest = count
        while rest > 0 {
            let run = min(rest, Self.blanks.utf8CodeUnitCount)
            Self.blanks.withUTF8Buffer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0.prefix(run))) }
            rest -= run
        }
    }

    private static let blanks: StaticString = "                                                                "
}
