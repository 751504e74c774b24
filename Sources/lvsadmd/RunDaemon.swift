import IPVSNetlink
import LVSConfig
import LVSDaemon
import LVSHealth
import LVSProbes
import LVSWeb
import Logging
import ServiceLifecycle

extension LvsadmdCommand {
    /// Runs until SIGTERM or SIGINT; the status for `exit`.
    func runDaemon(configFile: ConfigFile) async -> Int32 {
        var logger = Logger(label: "lvsadmd")
        logger.logLevel = LogLevelName.level(logLevel) ?? .info
        let clock = DaemonClock()
        // The listeners come from the file as it is at start (the daemon's own first read
        // gets the same, unparsed again); a file with errors leaves the default, and the
        // daemon then stops on those errors.
        let fileListen = (try? configFile.read())?.listen
        let addresses = listenAddresses(file: fileListen)
        if !listen.isEmpty, let fileListen {
            logger.notice(
                "--listen given: the configuration's listen lines (\(Self.describe(fileListen))) are not used")
        }
        let watchListen = listen.isEmpty
        let warner = logger
        let settings = DaemonSettings(
            readConfiguration: {
                let loaded = try configFile.read()
                // Listeners are made once, at start: rebinding on a reload could drop the
                // address a scrape depends on for a typo, so a change waits for a restart.
                if watchListen && loaded.listen != fileListen {
                    warner.warning(
                        "the configuration's listen lines changed (now \(Self.describe(loaded.listen ?? [.default]))); HTTP stays on \(Self.describe(addresses)) until lvsadmd is restarted"
                    )
                }
                return loaded
            }, stateFile: StateFile(path: stateFile),
            socketPath: socket, driftInterval: .milliseconds(Int64(driftInterval * 1000)),
            transitionProgram: onTransition)
        // The probes stamp their results on the daemon's clock, so a result and the
        // transition it makes carry the same times as everything else the loop records.
        let openFiles = OpenFileLimit.raiseToHard()
        let slots = ProbeSlots(capacity: ProbeSlots.capacity(openFiles: openFiles))
        logger.info("at most \(slots.capacity) probes in flight (\(openFiles) open files allowed)")
        let prober: any ProbeRunning = ProbeScheduler(origin: clock.origin, prober: Prober(slots: slots))
        let service = DaemonService(
            settings: settings, makeClient: { try NetlinkIPVSClient() }, prober: prober, logger: logger, clock: clock)
        var services: [any Service] = [service]
        for address in addresses {
            let backend = WebServer.Backend(
                view: { await service.view() }, control: { await service.request($0) },
                token: tokenFile.map(ActionToken.init(path:)))
            do {
                services.append(try WebServer.service(listen: address, backend: backend, logger: logger))
            } catch {
                logger.critical("\(error)")
                return 1
            }
        }
        let group = ServiceGroup(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
            return 0
        } catch {
            logger.critical("\(Self.describe(error))")
            return 1
        }
    }

    /// `127.0.0.1:9531, unix:/run/lvsadmd-http.sock`, or `none`.
    static func describe(_ addresses: [ListenAddress]) -> String {
        addresses.isEmpty ? "none" : addresses.map(\.description).joined(separator: ", ")
    }

    /// ServiceGroup wraps what a service threw; the operator wants the cause.
    static func describe(_ error: any Error) -> String {
        if let error = error as? ServiceGroupError, let cause = Mirror(reflecting: error).descendant("reason", "error")
        {
            return "\(cause)"
        }
        return "\(error)"
    }
}
