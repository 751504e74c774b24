import LVSCommandLine
import LVSConfig
import LVSDaemon
import LVSHealth

/// The configuration file, read from disk each time it is asked for (start, SIGHUP,
/// `ctl reload`, `--check-config`).
struct ConfigFile: Sendable {
    var path: String

    func read() throws -> LoadedConfiguration {
        let bytes: [UInt8]
        do {
            bytes = try SystemApplyHost().readFile(path)
        } catch {
            // The host's message starts with the path, which the diagnostic adds itself.
            let reason =
                error.message.hasPrefix(path + ": ") ? String(error.message.dropFirst(path.count + 2)) : error.message
            throw ConfigProblems([ConfigDiagnostic(file: path, line: 0, message: reason)])
        }
        return try ConfigReader(resolver: SystemNameResolver()).read(String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// `--check-config`: the errors, each with its line, on standard error and status 1;
    /// else the warnings and a summary on standard output, status 0.
    func check() -> Int32 {
        let loaded: LoadedConfiguration
        do {
            loaded = try read()
        } catch {
            printError("\(error)")
            return 1
        }
        for warning in loaded.warnings { print(warning) }
        let services = loaded.configuration.services
        let servers = services.reduce(0) { $0 + $1.servers.count }
        let checks = ProbeTargets(loaded.configuration).targets.count
        print(
            "\(path): \(loaded.format.rawValue) format, \(counted(services.count, "service")), \(counted(servers, "real server")), \(counted(checks, "distinct check"))"
        )
        for managed in services {
            print(
                "  \(ServiceText.options(managed.service.id)): \(counted(managed.servers.count, "real server"))"
                    + (managed.sorry.map { ", sorry \($0.server.id)" } ?? "")
                    + (managed.removeOnStop ? ", removed on stop" : ""))
        }
        return 0
    }
}
