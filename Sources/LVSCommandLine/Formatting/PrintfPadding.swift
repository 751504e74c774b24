/// The few `printf` conversions ipvsadm's listings use, as pure Swift.
///
/// C pads and truncates by bytes, not by characters, so every width here counts UTF-8
/// bytes. Host and service names are ASCII in practice; counting bytes keeps the columns
/// identical to ipvsadm's even when they are not.
enum PrintfPadding {
    /// `%-Ns`: the text, then blanks up to `width` bytes; longer text is left whole.
    static func left(_ text: String, _ width: Int) -> String {
        let missing = width - text.utf8.count
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// `%Ns`: blanks up to `width` bytes, then the text; longer text is left whole.
    static func right(_ text: String, _ width: Int) -> String {
        let missing = width - text.utf8.count
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// `%-Nu` of an unsigned number.
    static func left(_ value: UInt32, _ width: Int) -> String { left(String(value), width) }

    /// `%-Nu`/`%-Nllu` of a 64-bit unsigned number.
    static func left(_ value: UInt64, _ width: Int) -> String { left(String(value), width) }

    /// `%Nllu`
    static func right(_ value: UInt64, _ width: Int) -> String { right(String(value), width) }

    /// `%-Nd` of a C `int` whose bits arrive as an unsigned kernel field (weights): the
    /// kernel keeps them in range, but a value above `Int32.max` would print negative in C.
    static func leftSigned(_ bits: UInt32, _ width: Int) -> String {
        left(String(Int32(bitPattern: bits)), width)
    }

    /// `%0Nu`: leading zeros up to `width` digits.
    static func zeroPadded(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.utf8.count)) + digits
    }

    /// `%d` of an unsigned kernel field, as C prints it.
    static func signed(_ bits: UInt32) -> String { String(Int32(bitPattern: bits)) }

    /// What `snprintf(buffer, size, ...)` keeps: at most `size - 1` bytes. A multi-byte
    /// character that would be split is dropped whole, since a Swift `String` cannot hold
    /// half of one.
    static func truncated(_ text: String, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var kept = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let size = String(scalar).utf8.count
            if used + size > limit { break }
            kept.unicodeScalars.append(scalar)
            used += size
        }
        return kept
    }
}
