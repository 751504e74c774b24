import LVSHealth

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Judges reply bytes against a `TextMatch`: plain bytes for `contains`, POSIX extended
/// regular expressions (regcomp, as ldirectord's users write them) for `regex`.
struct ReplyMatcher {
    let match: TextMatch

    enum Verdict: Equatable {
        case matches
        case doesNotMatch
        /// The pattern is not a valid regular expression: the run fails with this.
        case unusable(ProbeFailure)
    }

    func judge(_ reply: [UInt8]) -> Verdict {
        switch match {
        case .contains(let text):
            Self.contains(reply, Array(text.utf8)) ? .matches : .doesNotMatch
        case .regex(let pattern):
            Self.judge(reply, pattern: pattern)
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var start = 0
        while start <= haystack.count - needle.count {
            if haystack[start] == first && haystack[start..<start + needle.count].elementsEqual(needle) {
                return true
            }
            start += 1
        }
        return false
    }

    private static func judge(_ reply: [UInt8], pattern: String) -> Verdict {
        var expression = regex_t()
        let compiled = regcomp(&expression, pattern, REG_EXTENDED | REG_NOSUB)
        guard compiled == 0 else {
            var message = [CChar](repeating: 0, count: 256)
            regerror(compiled, &expression, &message, message.count)
            return .unusable(
                .other(
                    "invalid regular expression /\(pattern)/: \(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))"
                ))
        }
        defer { regfree(&expression) }
        // regexec reads a C string: a NUL in the reply would end it early, so NULs are read
        // as spaces, and the bytes as UTF-8 as far as they go.
        var text = reply.map { $0 == 0 ? 0x20 : $0 }
        text.append(0)
        let found = text.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { regexec(&expression, $0.baseAddress, 0, nil, 0) == 0 }
        }
        return found ? .matches : .doesNotMatch
    }
}
