import IPVSKit
import LVSCommandLine

/// `name SERVICE NAME`: the operator's name for a service, e.g. `name -t 10.0.0.1:80
/// shop-front` (quoted when it holds blanks). It labels the service's metrics and shows on
/// the status page and in /api/v1/health; several services may share one (a site's :80
/// and :443).
struct NameDirective {
    var line: Int
    var service: ServiceID
    var name: String

    /// Long enough for any sensible name; a label value is repeated on every series of the
    /// service, so a paragraph here would multiply the size of a scrape.
    static let maximumLength = 64

    init(_ tokens: ArraySlice<String>, line: Int, parser: CommandLineParser) throws(LineError) {
        self.line = line
        let usage = "name needs a service and a name: name -t VIP:PORT NAME"
        guard tokens.count >= 2, let name = tokens.last else { throw LineError(usage) }
        // The service alone: the name is missing (`name -t 10.0.0.1:80`), not the service.
        if (try? CheckDirective.select(Array(tokens), parser: parser)) != nil { throw LineError(usage) }
        let (service, server) = try CheckDirective.select(Array(tokens.dropLast()), parser: parser)
        guard server == nil else { throw LineError("name names a service, not a real server: drop -r") }
        try Self.validate(name)
        self.service = service
        self.name = name
    }

    /// Printable text: a control character (a line feed, a tab) would make a label value,
    /// an HTML cell and a log line each show something else.
    static func validate(_ name: String) throws(LineError) {
        guard !name.isEmpty else { throw LineError("a name cannot be empty") }
        guard name.count <= maximumLength else {
            throw LineError("a name is at most \(maximumLength) characters, not \(name.count)")
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw LineError("a name cannot hold control characters (a line feed, a tab, ...)")
        }
        guard !name.hasPrefix("-") else { throw LineError("a name cannot start with '-': '\(name)'") }
    }
}
