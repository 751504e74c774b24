import ArgumentParser
import LVSConfig
import LVSDaemon
import LVSWeb

/// `lvsadmd`: the options of the daemon itself; `ctl` talks to a running one.
struct LvsadmdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lvsadmd",
        abstract: "Health-checking daemon for the Linux IPVS table (replaces ldirectord).",
        discussion: """
            Runs in the foreground (systemd, or any supervisor, keeps it). SIGHUP re-reads the \
            configuration; SIGTERM or SIGINT stops, leaving the table (but for services with \
            on-stop=remove or ldirectord's cleanstop). Logs go to standard error.
            """,
        subcommands: [CtlCommand.self])

    @Option(
        name: .long,
        help: ArgumentHelp("The configuration: lvsadmd's own format or an ldirectord.cf.", valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Read the configuration, print its errors (with their lines) or a summary, and exit.")
    var checkConfig = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Manage the IPVS table of this network namespace (a name under /run/netns, or a path).", valueName: "name"))
    var netns: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Where health states and maintenance are kept across restarts.", valueName: "path"))
    var stateFile: String = StateFile.defaultPath

    @Option(name: .long, help: ArgumentHelp("The control socket (lvsadmd ctl).", valueName: "path"))
    var socket: String = DaemonSettings.defaultSocketPath

    @Option(
        name: .long,
        help: ArgumentHelp("Seconds between reads of the kernel's table that repair drift.", valueName: "seconds"))
    var driftInterval: Double = 10

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A program run on each transition: PROGRAM SERVICE SERVER OLD NEW REASON.", valueName: "program"))
    var onTransition: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Serve /metrics, the status page and the JSON API here: ADDRESS:PORT, [ADDRESS]:PORT or unix:PATH (repeatable; 'none' for no HTTP; overrides the configuration's listen lines; default 127.0.0.1:\(ListenAddress.defaultPort)).",
            valueName: "address"))
    var listen: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The token HTTP actions (drain, enable) must carry; a file only root can read. Without it, actions are off.",
            valueName: "path"))
    var tokenFile: String?

    @Option(
        name: .long, help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: String = "info"

    /// `--config` is checked in main.swift: a validation here runs for `ctl` too, which
    /// needs none.
    func validate() throws {
        guard driftInterval > 0 else { throw ValidationError("--drift-interval must be above 0") }
        guard LogLevelName.level(logLevel) != nil else { throw ValidationError("unknown --log-level '\(logLevel)'") }
        if case .failure(let problem) = ListenAddress.readList(listen) {
            throw ValidationError("--listen: \(problem.message)")
        }
        if let onTransition, !onTransition.hasPrefix("/") {
            throw ValidationError("--on-transition needs an absolute path (it runs without a shell)")
        }
    }

    /// Where the HTTP server listens: `--listen`, else the configuration's `listen` lines,
    /// else the default address.
    func listenAddresses(file: [ListenAddress]?) -> [ListenAddress] {
        if !listen.isEmpty, case .success(let addresses) = ListenAddress.readList(listen) { return addresses }
        return file ?? [.default]
    }
}
