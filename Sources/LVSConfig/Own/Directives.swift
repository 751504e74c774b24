import IPVSKit
import LVSCommandLine
import LVSHealth

/// `check SERVICE [-r SERVER] KIND [name=value ...]`: how the real servers of a service
/// (or one of them, with `-r`) are checked.
struct CheckDirective {
    var line: Int
    var service: ServiceID
    var server: RealServerID?
    var kind: CheckKind
    var timing: TimingSettings
    var address: IPAddress?
    var port: UInt16?
    var onFailure: FailureAction?

    init(_ tokens: ArraySlice<String>, line: Int, parser: CommandLineParser) throws(LineError) {
        self.line = line
        guard let kindIndex = tokens.firstIndex(where: CheckKindSettings.names.contains) else {
            throw LineError("check needs a kind: \(CheckKindSettings.names.joined(separator: ", "))")
        }
        (service, server) = try Self.select(Array(tokens[..<kindIndex]), parser: parser)
        let name = tokens[kindIndex]
        var settings = try SettingList(tokens[(kindIndex + 1)...], repeatable: ["arg"])
        kind = try CheckKindSettings.kind(name, taking: &settings)
        timing = try TimingSettings(taking: &settings)
        address = try settings.take("address").map { (t) throws(LineError) in
            try SettingValues.address(t, name: "address")
        }
        port = try settings.take("port").map { (t) throws(LineError) in try SettingValues.port(t, name: "port") }
        onFailure = try settings.take("on-failure").map { (t) throws(LineError) in try SettingValues.failureAction(t) }
        if onFailure != nil && server != nil {
            throw LineError("on-failure is a setting of the service: give it on the check line without -r")
        }
        let common = TimingSettings.keys + ["address", "port"] + (server == nil ? ["on-failure"] : [])
        try settings.requireAllRead(for: "a \(name) check", known: CheckKindSettings.keys(of: name) + common)
    }

    /// The service (and real server) named by ipvsadm options, read by lvsadm's own parser
    /// as the delete command that names the same things.
    static func select(_ options: [String], parser: CommandLineParser) throws(LineError) -> (ServiceID, RealServerID?) {
        guard !options.isEmpty else { throw LineError("check needs a service: -t, -u, --sctp-service or -f") }
        let namesServer = options.contains { $0 == "-r" || $0 == "--real-server" || $0.hasPrefix("--real-server=") }
        do {
            switch try parser.parse([namesServer ? "-d" : "-D"] + options) {
            case .deleteService(let id): return (id, nil)
            case .deleteRealServer(let server, let id): return (id, server)
            default: throw LineError("check names a service and optionally one real server")
            }
        } catch let error as CommandLineError {
            throw LineError(error.message)
        } catch let error as LineError {
            throw error
        } catch {
            throw LineError("\(error)")
        }
    }
}

/// `sorry SERVICE -r SERVER [-g|-m|-i] [-w WEIGHT] [quorum=N]`: the fallback server.
struct SorryDirective {
    var line: Int
    var service: ServiceID
    var sorry: SorryServer

    init(_ tokens: ArraySlice<String>, line: Int, parser: CommandLineParser) throws(LineError) {
        self.line = line
        let options = tokens.filter { !$0.contains("=") || $0.hasPrefix("-") }
        var settings = try SettingList(tokens.filter { $0.contains("=") && !$0.hasPrefix("-") })
        let quorum = try settings.take("quorum").map { (t) throws(LineError) in
            try SettingValues.count(t, name: "quorum")
        }
        try settings.requireAllRead(for: "sorry", known: ["quorum"])
        let command: Command
        do {
            command = try parser.parse(["-a"] + options)
        } catch {
            throw LineError(error.message)
        }
        guard case .addRealServer(let server, let id) = command else {
            throw LineError("sorry names a service and a real server, as an -a line does")
        }
        service = id
        sorry = SorryServer(server, quorum: quorum ?? 1)
    }
}

/// `defaults name=value ...`: timing, initial, on-failure and on-stop for the whole file.
struct DefaultsDirective {
    var timing: TimingSettings
    var onFailure: FailureAction?
    var removeOnStop: Bool?

    init() { timing = TimingSettings() }

    init(_ tokens: ArraySlice<String>) throws(LineError) {
        var settings = try SettingList(tokens)
        timing = try TimingSettings(taking: &settings)
        onFailure = try settings.take("on-failure").map { (t) throws(LineError) in try SettingValues.failureAction(t) }
        removeOnStop = try settings.take("on-stop").map { (text) throws(LineError) -> Bool in
            switch text {
            case "keep": return false
            case "remove": return true
            default: throw LineError("on-stop must be keep or remove, not '\(text)'")
            }
        }
        try settings.requireAllRead(for: "defaults", known: TimingSettings.keys + ["on-failure", "on-stop"])
    }
}
