import LVSCommandLine
import LVSConfig
import LVSDaemon
import LVSHealth
import Synchronization

/// The configuration file, read from disk each time it is asked for (start, SIGHUP,
/// `ctl reload`, `--check-config`).
///
/// The same bytes whose names (hosts, services) still resolve as they did are the same
/// configuration: the last one read is given again without parsing, and the daemon's
/// reload then finds it unchanged and does nothing. A reload of an unchanged file is
/// routine (configuration management sends one on every run), and parsing 100,000 real
/// servers again would be most of its cost.
final class ConfigFile: Sendable {
    let path: String
    private let last = Mutex<LastRead?>(nil)

    private struct LastRead: Sendable {
        var bytes: [UInt8]
        var answers: RecordingResolver.Answers
        var loaded: LoadedConfiguration
    }

    init(path: String) {
        self.path = path
    }

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
        if let last = last.withLock({ $0 }), last.bytes == bytes,
            RecordingResolver.askedAgain(last.answers) == last.answers
        {
            return last.loaded
        }
        let resolver = RecordingResolver()
        let loaded = try ConfigReader(resolver: resolver).read(String(decoding: bytes, as: UTF8.self), file: path)
        let answers = resolver.answers
        last.withLock { $0 = LastRead(bytes: bytes, answers: answers, loaded: loaded) }
        return loaded
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
