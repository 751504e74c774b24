import LVSHealth
import Testing

@testable import LVSConfig

/// Walks the table of settings: every setting lvsadmd does not support gets its message,
/// naming it and its line; every ignored one a warning.
@Suite struct LdirectordSupportTests {
    static let block = "virtual=10.0.0.1:80\n\treal=10.0.1.1:80 gate\n\tchecktype=connect\n"

    static func named(_ table: [String: LdirectordSupport.Handling], _ wanted: (LdirectordSupport.Handling) -> String?)
        -> [(String, String)]
    {
        table.compactMap { name, handling in wanted(handling).map { (name, $0) } }.sorted { $0.0 < $1.0 }
    }

    static let refusedGlobals = named(LdirectordSupport.global) { if case .refused(let why) = $0 { why } else { nil } }
    static let ignoredGlobals = named(LdirectordSupport.global) { if case .ignored(let why) = $0 { why } else { nil } }
    static let refusedVirtuals = named(LdirectordSupport.virtual) {
        if case .refused(let why) = $0 { why } else { nil }
    }
    static let ignoredVirtuals = named(LdirectordSupport.virtual) {
        if case .ignored(let why) = $0 { why } else { nil }
    }

    @Test(arguments: refusedGlobals)
    func refusedGlobal(name: String, why: String) {
        #expect(problems("\(name)=x\n" + Self.block) == ["test.conf:1: \(name) is not supported: \(why)"])
    }

    @Test(arguments: ignoredGlobals)
    func ignoredGlobal(name: String, why: String) throws {
        let loaded = try readConfig("\(name)=x\n" + Self.block)
        #expect(loaded.warnings.map(\.description) == ["test.conf:1: warning: \(name) is ignored: \(why)"])
    }

    @Test(arguments: refusedVirtuals)
    func refusedVirtual(name: String, why: String) {
        #expect(problems(Self.block + "\t\(name)=x\n") == ["test.conf:4: \(name) is not supported: \(why)"])
    }

    @Test(arguments: ignoredVirtuals)
    func ignoredVirtual(name: String, why: String) throws {
        let loaded = try readConfig(Self.block + "\t\(name)=x\n")
        #expect(loaded.warnings.map(\.description) == ["test.conf:4: warning: \(name) is ignored: \(why)"])
    }

    @Test func everySettingLvsadmdPromisesIsRead() {
        for name in [
            "checktimeout", "negotiatetimeout", "checkinterval", "failurecount", "fallback", "fallback6", "quiescent",
            "cleanstop",
        ] {
            #expect(LdirectordSupport.global[name] == .read, "\(name)")
        }
        for name in [
            "real", "real6", "scheduler", "protocol", "persistent", "netmask", "checktype", "service", "request",
            "receive",
            "virtualhost", "checkport", "checkinterval", "checktimeout", "negotiatetimeout", "failurecount",
            "quiescent",
            "fallback", "fallback6", "cleanstop",
        ] {
            #expect(LdirectordSupport.virtual[name] == .read, "\(name)")
        }
    }

    @Test func theTablesCoverEveryDocumentedSetting() {
        #expect(Self.refusedGlobals.count + Self.ignoredGlobals.count >= 13)
        #expect(Self.refusedVirtuals.count + Self.ignoredVirtuals.count >= 14)
        #expect(LdirectordSupport.services.isDisjoint(with: LdirectordSupport.otherServiceNames))
    }

    @Test(arguments: ["dns", "ftp", "imap", "ldap", "mysql", "pgsql", "radius", "sip", "smtp"])
    func otherServicesAreRefusedByName(service: String) {
        #expect(
            problems(Self.block.replacing("checktype=connect", with: "service=\(service)"))
                == [
                    "test.conf:3: service = \(service) is not supported: lvsadmd negotiates http, https, simpletcp and none; set service, or checktype = connect"
                ])
    }
}
