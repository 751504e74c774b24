/// Splits a directive line (`check ...`, `sorry ...`, `defaults ...`) into tokens: blanks
/// separate them; double quotes keep blanks and `#` inside a token (`body="it works"`) and
/// take the escapes `\"`, `\\`, `\n`, `\r`, `\t` and `\xHH` (HH below 80), keeping any other
/// backslash as it is (so a regular expression's `\.` needs no doubling); a `#` that starts
/// a token outside quotes starts a comment to the end of the line.
enum DirectiveTokenizer {
    static func tokens(_ line: Substring) throws(LineError) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inToken = false
        var quoted = false
        var characters = line.makeIterator()
        while let c = characters.next() {
            if quoted {
                switch c {
                case "\"": quoted = false
                case "\\": current += try escape(&characters)
                default: current.append(c)
                }
                continue
            }
            switch c {
            case " ", "\t", "\r":
                if inToken { tokens.append(current) }
                current = ""
                inToken = false
            case "#" where !inToken:
                return tokens
            case "\"":
                quoted = true
                inToken = true
            default:
                current.append(c)
                inToken = true
            }
        }
        if quoted { throw LineError("a quoted value is not closed") }
        if inToken { tokens.append(current) }
        return tokens
    }

    private static func escape(_ characters: inout Substring.Iterator) throws(LineError) -> String {
        switch characters.next() {
        case "\"": return "\""
        case "\\": return "\\"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "x":
            let digits = [characters.next(), characters.next()].compactMap { $0 }
            guard digits.count == 2, let value = UInt8(String(digits), radix: 16), value < 0x80 else {
                throw LineError("\\x takes two hex digits below 80")
            }
            return String(Character(Unicode.Scalar(value)))
        case let other?: return "\\" + String(other)
        case nil: throw LineError("a quoted value is not closed")
        }
    }
}
