/// The settings of one virtual block, as written (resolution into a service, real servers
/// and checks comes after the whole block is read, as the protocol decides how names
/// resolve).
struct LdirectordVirtualSettings {
    var reals: [LdirectordSetting] = []
    var request: String?
    var receive: String?
    var checkType: LdirectordSetting?
    var checkCommand: String?
    var checkTimeout: Int?
    var negotiateTimeout: Int?
    var failureCount: Int?
    var checkInterval: LdirectordSetting?
    var checkPort: UInt16?
    var scheduler = "wrr"
    var persistent: Int?
    var netmask: String?
    var protocolName: LdirectordSetting?
    var service: LdirectordSetting?
    var httpMethod = "GET"
    var virtualHost: String?
    var fallback: LdirectordSetting?
    var quiescent: Bool?
    var cleanStop: Bool?
    var onePacket = false
    var schedulerFlags: String?

    mutating func read(_ setting: LdirectordSetting, isIPv6: Bool) throws(LineError) {
        let value = setting.value
        switch setting.name {
        case "real", "real6":
            guard (setting.name == "real6") == isIPv6 else {
                throw LineError(
                    "cannot use \(setting.name) in a \(isIPv6 ? "virtual6" : "virtual") block: use \(isIPv6 ? "real6" : "real")"
                )
            }
            reals.append(setting)
        case "request":
            let text = LdirectordValues.unquoted(value)
            guard !text.isEmpty else { throw LineError("request is empty") }
            request = text.hasPrefix("/") ? text : "/" + text
        case "receive":
            receive = LdirectordValues.unquoted(value)
        case "checktype": checkType = setting
        case "checkcommand": checkCommand = LdirectordValues.unquoted(value)
        case "checktimeout": checkTimeout = try LdirectordValues.number(setting)
        case "negotiatetimeout": negotiateTimeout = try LdirectordValues.number(setting)
        case "failurecount": failureCount = try LdirectordValues.number(setting)
        case "checkinterval":
            _ = try LdirectordValues.number(setting)
            checkInterval = setting
        case "checkport":
            let port = try LdirectordValues.number(setting)
            guard port < 65536 else { throw LineError("checkport must be from 1 to 65535, not '\(value)'") }
            checkPort = UInt16(port)
        case "scheduler":
            guard !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
                throw LineError("scheduler must be lower-case letters, not '\(value)'")
            }
            scheduler = value
        case "persistent": persistent = try LdirectordValues.number(setting, allowZero: true)
        case "netmask":
            // ldirectord's own rule, stricter than ipvsadm's (which takes 255.0.255).
            if isIPv6 {
                guard let length = Int(value), (1...128).contains(length), value.allSatisfy(\.isASCIIDigit) else {
                    throw LineError("netmask must be a prefix length from 1 to 128 in a virtual6 block, not '\(value)'")
                }
            } else {
                let parts = value.split(separator: ".", omittingEmptySubsequences: false)
                guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
                    throw LineError("netmask must be a dotted quad such as 255.255.255.0, not '\(value)'")
                }
            }
            netmask = value
        case "protocol": protocolName = setting
        case "service": service = setting
        case "httpmethod":
            guard value.uppercased() == "GET" || value.uppercased() == "HEAD" else {
                throw LineError("httpmethod must be GET or HEAD, not '\(value)'")
            }
            httpMethod = value.uppercased()
        case "virtualhost": virtualHost = LdirectordValues.unquoted(value)
        case "fallback", "fallback6":
            guard (setting.name == "fallback6") == isIPv6 else {
                throw LineError(
                    "cannot use \(setting.name) in a \(isIPv6 ? "virtual6" : "virtual") block: use \(isIPv6 ? "fallback6" : "fallback")"
                )
            }
            fallback = setting
        case "quiescent": quiescent = try LdirectordValues.yesNo(setting)
        case "cleanstop": cleanStop = try LdirectordValues.yesNo(setting)
        case "ops": onePacket = try LdirectordValues.yesNo(setting)
        case "schedflags": schedulerFlags = value
        default: throw LineError("\(setting.name) is not a virtual setting lvsadmd reads")
        }
    }
}
