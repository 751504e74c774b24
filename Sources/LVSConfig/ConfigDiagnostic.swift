/// One message about a configuration file, named by its line: `FILE:LINE: message`.
public struct ConfigDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        /// The file is refused.
        case error
        /// The file is read, but a setting in it has no effect; the operator must know.
        case warning
    }

    public var file: String
    /// 1-based; 0 for the file as a whole.
    public var line: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return severity == .error ? "\(place): \(message)" : "\(place): warning: \(message)"
    }
}

/// A file that cannot be used: every error found in it (reading goes on after the first,
/// so `--check-config` shows them all), in line order.
public struct ConfigProblems: Error, Hashable, Sendable, CustomStringConvertible {
    public var diagnostics: [ConfigDiagnostic]

    public init(_ diagnostics: [ConfigDiagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A problem with the line being read; the reader adds the file and line.
struct LineError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
