/// One `name = value` line of an ldirectord.cf.
struct LdirectordSetting {
    var name: String
    var value: String
    var line: Int
}

/// A `virtual=` (or `virtual6=`) line and the indented lines under it.
struct LdirectordBlock {
    var isIPv6: Bool
    var address: String
    var line: Int
    var settings: [LdirectordSetting] = []
}

/// An ldirectord.cf cut into global settings and virtual blocks, by ldirectord's rules:
/// a setting is `name = value` (blanks around `=` optional); a line indented by a tab or
/// at least four spaces belongs to the `virtual=` block above it; `#` starts a comment.
/// Unlike ldirectord, a blank line inside a block does not end it (ldirectord would then
/// refuse the indented lines after it as unknown global settings).
struct LdirectordFile {
    var globals: [LdirectordSetting] = []
    var blocks: [LdirectordBlock] = []

    init(_ text: String, file: String) throws(ConfigProblems) {
        var errors: [ConfigDiagnostic] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = Self.withoutComment(raw)
            let body = line.drop { $0 == " " || $0 == "\t" }
            if body.isEmpty { continue }
            let indented = line.first == "\t" || line.hasPrefix("    ")
            guard let setting = Self.setting(body, line: number) else {
                errors.append(
                    ConfigDiagnostic(file: file, line: number, message: "expected name = value, found '\(body)'"))
                continue
            }
            if setting.name == "virtual" || setting.name == "virtual6" {
                if indented {
                    errors.append(
                        ConfigDiagnostic(file: file, line: number, message: "\(setting.name) must not be indented"))
                }
                blocks.append(LdirectordBlock(isIPv6: setting.name == "virtual6", address: setting.value, line: number))
            } else if indented {
                guard !blocks.isEmpty else {
                    errors.append(
                        ConfigDiagnostic(
                            file: file, line: number,
                            message: "\(setting.name) is indented but no virtual= line comes before it"))
                    continue
                }
                blocks[blocks.count - 1].settings.append(setting)
            } else {
                if line.first == " " {
                    errors.append(
                        ConfigDiagnostic(
                            file: file, line: number,
                            message:
                                "\(setting.name) is indented by fewer than four spaces: indent it by a tab or four spaces to put it in a virtual= block, or not at all"
                        ))
                    continue
                }
                globals.append(setting)
            }
        }
        guard errors.isEmpty else { throw ConfigProblems(errors) }
    }

    /// The line up to a `#`, without trailing blanks (a `#` inside quotes is a comment to
    /// ldirectord too).
    static func withoutComment(_ line: Substring) -> Substring {
        var text = line
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return text
    }

    static func setting(_ body: Substring, line: Int) -> LdirectordSetting? {
        let name = body.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        let rest = body.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
        guard !name.isEmpty, rest.first == "=" else { return nil }
        let value = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
        return LdirectordSetting(name: String(name), value: String(value), line: line)
    }
}
