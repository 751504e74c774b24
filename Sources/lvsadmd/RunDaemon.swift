import IPVSNetlink
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
        let settings = DaemonSettings(
            readConfiguration: { try configFile.read() }, stateFile: StateFile(path: stateFile),
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
        for address in listenAddresses {
            let backend = WebServer.Backend(
                view: { await service.view() }, control: { await service.request($0) },
                token: tokenFile.map(ActionToken.init(path:)))
            services.append(WebServer.application(listen: address, backend: backend, logger: logger))
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

    /// ServiceGroup wraps what a service threw; the operator wants the cause.
    static func describe(_ error: any Error) -> String {
        if let error = error as? ServiceGroupError, let cause = Mirror(reflecting: error).descendant("reason", "error")
        {
            return "\(cause)"
        }
        return "\(error)"
    }
}
