/// Number reading with the C library's rules, which decide what ipvsadm accepts.
enum NumberText {
    /// C `isspace` in the C locale.
    static func isCSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0d).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// `strtol(text, &end, 10)` up to where it stops: leading blanks, a sign, decimal
    /// digits. Returns the value (saturated on overflow, as C does), whether it overflowed
    /// (C's ERANGE) and how many bytes were used (0 if there were no digits).
    static func strtol(_ bytes: some Collection<UInt8>) -> (value: Int64, overflow: Bool, used: Int) {
        var index = bytes.startIndex
        var used = 0
        while index != bytes.endIndex, isCSpace(bytes[index]) {
            index = bytes.index(after: index)
            used += 1
        }
        var negative = false
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index = bytes.index(after: index)
            used += 1
        }
        var magnitude: UInt64 = 0
        var overflow = false
        var digits = 0
        while index != bytes.endIndex, isDigit(bytes[index]) {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[index] - 0x30))
            overflow = overflow || o1 || o2
            magnitude = sum
            digits += 1
            index = bytes.index(after: index)
        }
        guard digits > 0 else { return (0, false, 0) }
        let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        if overflow || magnitude > limit { return (negative ? Int64.min : Int64.max, true, used + digits) }
        let value = negative ? (magnitude == limit ? Int64.min : -Int64(magnitude)) : Int64(magnitude)
        return (value, false, used + digits)
    }

    /// ipvsadm's `string_to_number`: the whole text must be a decimal number (`+5`, ` 4`
    /// and `-0` are; `1x`, `0x50` and the empty text are not) within `range`.
    static func number(_ text: String, in range: ClosedRange<Int64>) -> Int64? {
        let bytes = Array(text.utf8)
        let (value, overflow, used) = strtol(bytes)
        guard used > 0, used == bytes.count, !overflow, range.contains(value) else { return nil }
        return value
    }

    /// C `atoi` as glibc does it, `(int) strtol(text, NULL, 10)`: reads what it can and
    /// truncates to 32 bits; 0 when there is no number.
    static func atoi(_ text: String) -> Int32 {
        Int32(truncatingIfNeeded: strtol(Array(text.utf8)).value)
    }
}
