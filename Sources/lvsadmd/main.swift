import ArgumentParser
import Glibc
import LVSCommandLine
import Logging
import NetworkNamespace

// Parsing and `--netns` come before anything async: setns moves only the calling thread,
// and the threads made later (Swift's pool, the prober's) inherit the namespace of the one
// that makes them. `threadCount` makes sure no other thread exists yet.

LoggingSystem.bootstrap(StreamLogHandler.standardError)

let parsed: any ParsableCommand
do {
    parsed = try LvsadmdCommand.parseAsRoot()
} catch {
    LvsadmdCommand.exit(withError: error)
}

func exitOnCleanExit(_ body: () throws -> Void) {
    do {
        try body()
    } catch CleanExit.message(let text, let status) {
        printError(text)
        exit(status)
    } catch {
        LvsadmdCommand.exit(withError: error)
    }
}

if let daemon = parsed as? LvsadmdCommand {
    guard let path = daemon.config else {
        LvsadmdCommand.exit(withError: ValidationError("--config FILE is required"))
    }
    let configFile = ConfigFile(path: path)
    if daemon.checkConfig { exit(configFile.check()) }
    if let name = daemon.netns {
        let path = NamespacePrefix(name: name).path
        guard threadCount() == 1 else {
            printError("lvsadmd: --netns: other threads already run; cannot enter \(path) for all of them")
            exit(2)
        }
        do {
            try enterNetworkNamespace(path: path)
        } catch {
            printError("lvsadmd: --netns \(name): \(error.reason)")
            exit(2)
        }
    }
    exit(await daemon.runDaemon(configFile: configFile))
} else {
    var command = parsed
    exitOnCleanExit { try command.run() }
}

/// The threads of this process, from /proc/self/task.
func threadCount() -> Int {
    guard let directory = opendir("/proc/self/task") else { return -1 }
    defer { closedir(directory) }
    var count = 0
    while let entry = readdir(directory) {
        if entry.pointee.d_name.0 != UInt8(ascii: ".") { count += 1 }
    }
    return count
}
