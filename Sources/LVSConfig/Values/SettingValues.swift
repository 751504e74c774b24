import IPVSKit
import LVSHealth

/// The value types of settings, each with the message its bad text gets.
enum SettingValues {
    /// `2`, `2s`, `1.5s`, `500ms`, `1m`: seconds unless a unit says otherwise; millisecond
    /// precision. Zero only where `allowZero` (a hold time).
    static func duration(_ text: String, name: String, allowZero: Bool = false) throws(LineError) -> Duration {
        let bad = LineError("\(name) must be a duration such as 2, 1.5s or 500ms, not '\(text)'")
        var number = Substring(text)
        var unitMilliseconds: Int64 = 1000
        for (suffix, scale) in [("ms", Int64(1)), ("s", 1000), ("m", 60_000)] where number.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            unitMilliseconds = scale
            break
        }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            parts[0].count <= 9, let whole = Int64(parts[0])
        else { throw bad }
        var milliseconds = whole * unitMilliseconds
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 3, let digits = Int64(fraction) else { throw bad }
            var scaled = digits * unitMilliseconds
            for _ in 0..<fraction.count { scaled /= 10 }
            milliseconds += scaled
        }
        guard milliseconds > 0 || (allowZero && milliseconds == 0) else {
            throw LineError("\(name) must be more than 0, not '\(text)'")
        }
        return .milliseconds(milliseconds)
    }

    /// A whole number from 1 to `limit`.
    static func count(_ text: String, name: String, limit: Int = 1_000_000) throws(LineError) -> Int {
        guard text.allSatisfy(\.isASCIIDigit), let value = Int(text), (1...limit).contains(value) else {
            throw LineError("\(name) must be a whole number from 1 to \(limit), not '\(text)'")
        }
        return value
    }

    static func port(_ text: String, name: String) throws(LineError) -> UInt16 {
        UInt16(try count(text, name: name, limit: 65535))
    }

    static func yesNo(_ text: String, name: String) throws(LineError) -> Bool {
        switch text {
        case "yes": return true
        case "no": return false
        default: throw LineError("\(name) must be yes or no, not '\(text)'")
        }
    }

    /// A numeric address, IPv6 with or without brackets.
    static func address(_ text: String, name: String) throws(LineError) -> IPAddress {
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        guard let address = IPAddress(bare) else {
            throw LineError("\(name) must be a numeric IPv4 or IPv6 address, not '\(text)'")
        }
        return address
    }

    /// `200`, `200-299`, `200-299,301,302`.
    static func statuses(_ text: String, name: String) throws(LineError) -> StatusRanges {
        let bad = LineError("\(name) must be HTTP statuses such as 200-299,301, not '\(text)'")
        var ranges: [ClosedRange<Int>] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count) else { throw bad }
            let numbers = bounds.compactMap { $0.allSatisfy(\.isASCIIDigit) ? Int($0) : nil }
            guard numbers.count == bounds.count, numbers.allSatisfy({ (100...599).contains($0) }),
                numbers[0] <= numbers[numbers.count - 1]
            else { throw bad }
            ranges.append(numbers[0]...numbers[numbers.count - 1])
        }
        return StatusRanges(ranges)
    }

    static func initial(_ text: String) throws(LineError) -> InitialHealth {
        guard let value = InitialHealth(rawValue: text) else {
            throw LineError("initial must be up, down or as-found, not '\(text)'")
        }
        return value
    }

    static func failureAction(_ text: String) throws(LineError) -> FailureAction {
        guard let value = FailureAction(rawValue: text) else {
            throw LineError("on-failure must be quiesce or remove, not '\(text)'")
        }
        return value
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
