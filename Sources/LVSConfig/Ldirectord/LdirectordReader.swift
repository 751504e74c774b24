import IPVSKit
import LVSCommandLine
import LVSHealth

/// Reads an ldirectord.cf unchanged (Docs/lvsadmd-config.md says what each setting means
/// to lvsadmd). Every setting is read, ignored with a warning, or refused with an error
/// naming it and its line (`LdirectordSupport`); nothing is dropped silently.
struct LdirectordReader {
    let file: String
    let parser: CommandLineParser

    func read(_ text: String) throws(ConfigProblems) -> LoadedConfiguration {
        let cf = try LdirectordFile(text, file: file)
        var errors: [ConfigDiagnostic] = []
        var warnings: [ConfigDiagnostic] = []
        func handle(
            _ setting: LdirectordSetting, in table: [String: LdirectordSupport.Handling], where place: String,
            read: () throws(LineError) -> Void
        ) {
            switch table[setting.name] {
            case .read?:
                do {
                    try read()
                } catch {
                    errors.append(ConfigDiagnostic(file: file, line: setting.line, message: error.message))
                }
                if setting.name == "readdquiescent" && setting.value == "no" {
                    warnings.append(
                        ConfigDiagnostic(
                            file: file, line: setting.line, severity: .warning,
                            message:
                                "readdquiescent = no is not followed: lvsadmd puts back a real server deleted by hand"))
                }
            case .ignored(let why)?:
                warnings.append(
                    ConfigDiagnostic(
                        file: file, line: setting.line, severity: .warning,
                        message: "\(setting.name) is ignored: \(why)"))
            case .refused(let why)?:
                errors.append(
                    ConfigDiagnostic(
                        file: file, line: setting.line, message: "\(setting.name) is not supported: \(why)"))
            case nil:
                errors.append(
                    ConfigDiagnostic(
                        file: file, line: setting.line, message: "\(setting.name) is not an ldirectord setting \(place)"
                    ))
            }
        }
        var globals = LdirectordGlobals()
        for setting in cf.globals {
            handle(setting, in: LdirectordSupport.global, where: "outside a virtual block") { () throws(LineError) in
                try globals.read(setting)
            }
        }
        var services: [ManagedService] = []
        var seen: [ServiceID: Int] = [:]
        for block in cf.blocks {
            var settings = LdirectordVirtualSettings()
            for setting in block.settings {
                handle(setting, in: LdirectordSupport.virtual, where: "in a virtual block") { () throws(LineError) in
                    try settings.read(setting, isIPv6: block.isIPv6)
                }
            }
            var translation = LdirectordTranslation(
                file: file, block: block, settings: settings, globals: globals, parser: parser)
            let managed = translation.managed()
            errors += translation.errors
            warnings += translation.warnings
            guard let managed else { continue }
            if let earlier = seen[managed.service.id] {
                errors.append(
                    ConfigDiagnostic(
                        file: file, line: block.line,
                        message: "virtual service \(managed.service.id) is already defined on line \(earlier)"))
                continue
            }
            seen[managed.service.id] = block.line
            services.append(managed)
        }
        guard errors.isEmpty else { throw ConfigProblems(errors.sorted { $0.line < $1.line }) }
        return LoadedConfiguration(
            configuration: HealthConfiguration(services: services), format: .ldirectord,
            warnings: warnings.sorted { $0.line < $1.line })
    }
}
