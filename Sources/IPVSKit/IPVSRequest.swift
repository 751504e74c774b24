/// One change to the kernel's table: each case is one generic-netlink request of the
/// `IPVS` family. Requests are values so they can be queued, batched, diffed and logged.
public enum IPVSRequest: Hashable, Sendable {
    /// `IPVS_CMD_NEW_SERVICE`
    case addService(VirtualService)
    /// `IPVS_CMD_SET_SERVICE`: replaces scheduler, flags, timeout, netmask and engine.
    case editService(VirtualService)
    /// `IPVS_CMD_DEL_SERVICE`: the service and all its real servers.
    case deleteService(ServiceID)
    /// `IPVS_CMD_NEW_DEST`
    case addRealServer(RealServer, service: ServiceID)
    /// `IPVS_CMD_SET_DEST`
    case editRealServer(RealServer, service: ServiceID)
    /// `IPVS_CMD_DEL_DEST`
    case deleteRealServer(RealServerID, service: ServiceID)
    /// `IPVS_CMD_FLUSH`: every service.
    case flush
    /// `IPVS_CMD_ZERO`: the counters of one service, or of all with `nil`.
    case zero(ServiceID?)
    /// `IPVS_CMD_SET_CONFIG`: 0 leaves a timeout as it is.
    case setTimeouts(Timeouts)
    /// `IPVS_CMD_NEW_DAEMON`
    case startDaemon(SyncDaemon)
    /// `IPVS_CMD_DEL_DAEMON`
    case stopDaemon(SyncDaemonState)

    public var operation: IPVSOperation {
        switch self {
        case .addService: .addService
        case .editService: .editService
        case .deleteService: .deleteService
        case .addRealServer: .addRealServer
        case .editRealServer: .editRealServer
        case .deleteRealServer: .deleteRealServer
        case .flush: .flush
        case .zero: .zero
        case .setTimeouts: .setTimeouts
        case .startDaemon: .startDaemon
        case .stopDaemon: .stopDaemon
        }
    }
}

/// What was being done when the kernel answered with an error; the same errno means
/// different things for different operations (ESRCH is "no such service" for a service
/// command, and "service not defined" for a real-server one).
public enum IPVSOperation: String, Hashable, Sendable, CaseIterable {
    case connect
    case info
    case addService, editService, deleteService, getService, listServices
    case addRealServer, editRealServer, deleteRealServer, listRealServers
    case flush, zero
    case setTimeouts, getTimeouts
    case startDaemon, stopDaemon, listDaemons
    case listConnections
}
