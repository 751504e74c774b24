import LVSCommandLine
import LVSHealth

/// A configuration read: what lvsadmd manages, from which kind of file, and the warnings
/// about settings that were read but have no effect.
public struct LoadedConfiguration: Hashable, Sendable {
    public var configuration: HealthConfiguration
    public var format: ConfigFormat
    public var warnings: [ConfigDiagnostic]
    /// Where the HTTP server listens, from `listen` lines (empty: `listen none`); nil when
    /// the file does not say (an ldirectord.cf never does). `--listen` overrides it.
    public var listen: [ListenAddress]? = nil
}

public enum ConfigFormat: String, Hashable, Sendable {
    /// lvsadmd's own: ipvsadm lines plus `check`, `sorry`, `name`, `listen` and `defaults` lines.
    case lvsadmd
    /// An ldirectord.cf, read unchanged.
    case ldirectord

    /// Recognised by content, not by name: the first line that is neither blank nor a
    /// comment is `name = value` (or `name=value`) in an ldirectord.cf, and an ipvsadm
    /// line or a directive in lvsadmd's own format.
    public static func detect(_ text: String) -> ConfigFormat {
        // Only up to the first line that decides: a large file is not split whole here.
        var rest = text[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.first == "#" || trimmed.allSatisfy({ $0 == "\r" }) { continue }
            let name = trimmed.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let rest = trimmed.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
            return !name.isEmpty && rest.first == "=" ? .ldirectord : .lvsadmd
        }
        return .lvsadmd
    }
}

/// Reads either format. Host and service names in ipvsadm lines (`-t web:http`) and in an
/// ldirectord.cf go through `resolver`, as lvsadm resolves them.
public struct ConfigReader: Sendable {
    public var resolver: NameResolver

    public init(resolver: NameResolver) { self.resolver = resolver }

    /// `file` names the file in messages.
    public func read(_ text: String, file: String) throws(ConfigProblems) -> LoadedConfiguration {
        let parser = CommandLineParser(programName: "lvsadmd", resolver: resolver)
        switch ConfigFormat.detect(text) {
        case .lvsadmd:
            return try OwnFormatReader(file: file, parser: parser).read(text)
        case .ldirectord:
            return try LdirectordReader(file: file, parser: parser).read(text)
        }
    }
}
