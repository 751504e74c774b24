/// ldirectord's value forms.
enum LdirectordValues {
    /// A whole number of seconds or a count, above 0 unless `allowZero`.
    static func number(_ setting: LdirectordSetting, allowZero: Bool = false) throws(LineError) -> Int {
        guard !setting.value.isEmpty, setting.value.allSatisfy(\.isASCIIDigit), let value = Int(setting.value),
            value > 0 || allowZero, value <= 100_000_000
        else {
            throw LineError(
                "\(setting.name) must be a whole number\(allowZero ? "" : " above 0"), not '\(setting.value)'")
        }
        return value
    }

    static func yesNo(_ setting: LdirectordSetting) throws(LineError) -> Bool {
        switch setting.value {
        case "yes": return true
        case "no": return false
        default: throw LineError("\(setting.name) must be 'yes' or 'no', not '\(setting.value)'")
        }
    }

    /// The text between double quotes, or the value as it is when it has none.
    static func unquoted(_ value: String) -> String {
        guard value.count >= 2, value.first == "\"", value.last == "\"" else { return value }
        return String(value.dropFirst().dropLast())
    }

    static func seconds(_ value: Int) -> Duration { .seconds(value) }
}

/// The settings outside any virtual block.
struct LdirectordGlobals {
    var checkTimeout: Int?
    var negotiateTimeout: Int?
    var checkInterval = 10
    var failureCount = 1
    var fallback: LdirectordSetting?
    var fallback6: LdirectordSetting?
    /// ldirectord's program defaults this to no, though its manual says yes; the program
    /// is what leaves the table, so lvsadmd follows it.
    var quiescent = false
    var cleanStop = true
    var readdQuiescent = false
    var fork = false

    mutating func read(_ setting: LdirectordSetting) throws(LineError) {
        switch setting.name {
        case "checktimeout": checkTimeout = try LdirectordValues.number(setting)
        case "negotiatetimeout": negotiateTimeout = try LdirectordValues.number(setting)
        case "checkinterval": checkInterval = try LdirectordValues.number(setting)
        case "failurecount": failureCount = try LdirectordValues.number(setting)
        case "fallback": fallback = setting
        case "fallback6": fallback6 = setting
        case "quiescent": quiescent = try LdirectordValues.yesNo(setting)
        case "cleanstop": cleanStop = try LdirectordValues.yesNo(setting)
        case "readdquiescent": readdQuiescent = try LdirectordValues.yesNo(setting)
        case "fork": fork = try LdirectordValues.yesNo(setting)
        default: throw LineError("\(setting.name) is not a global setting lvsadmd reads")
        }
    }
}
