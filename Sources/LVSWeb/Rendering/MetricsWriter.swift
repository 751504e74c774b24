/// Prometheus's text exposition format (version 0.0.4), written by hand: each family's
/// `# HELP` and `# TYPE` once, then its samples. Values are written as exact decimal
/// integers where they are integers, so a 64-bit kernel counter reads the same digits as
/// `lvsadm -L -n --stats --exact` prints (a Double would round it above 2^53).
struct MetricsWriter {
    private(set) var text = ""

    struct Label {
        var name: String
        var value: String
        init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    enum Kind: String {
        case counter, gauge, histogram
    }

    mutating func family(_ name: String, _ kind: Kind, _ help: String) {
        text += "# HELP \(name) \(Self.escapedHelp(help))\n# TYPE \(name) \(kind.rawValue)\n"
    }

    mutating func sample(_ name: String, _ labels: [Label], _ value: UInt64) {
        line(name, labels, String(value))
    }

    mutating func sample(_ name: String, _ labels: [Label], _ value: Int64) {
        line(name, labels, String(value))
    }

    mutating func sample(_ name: String, _ labels: [Label], seconds: Duration) {
        line(name, labels, Self.secondsText(seconds))
    }

    private mutating func line(_ name: String, _ labels: [Label], _ value: String) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.name)=\"\(Self.escapedLabel($0.value))\"" }.joined(separator: ",") + "}"
        }
        text += " " + value + "\n"
    }

    /// A label value: backslash, double quote and line feed escaped, as the format asks.
    static func escapedLabel(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Help text: backslash and line feed escaped.
    static func escapedHelp(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Seconds, exactly to the nanosecond, without Foundation's formatting: `0.25`,
    /// `1.000000001`, `2`.
    static func secondsText(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = attoseconds / 1_000_000_000
        guard nanoseconds != 0 else { return String(seconds) }
        var fraction = String(nanoseconds)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(seconds).\(fraction)"
    }
}
