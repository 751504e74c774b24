import IPVSKit

/// A command of the IPVS generic-netlink family (`IPVS_CMD_*` in `linux/ip_vs.h`).
public struct IPVSCommand: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `IPVS_CMD_NEW_SERVICE`: add a service; also the command of every service in a reply.
    public static let newService = IPVSCommand(rawValue: 1)
    /// `IPVS_CMD_SET_SERVICE`: edit a service.
    public static let setService = IPVSCommand(rawValue: 2)
    /// `IPVS_CMD_DEL_SERVICE`
    public static let deleteService = IPVSCommand(rawValue: 3)
    /// `IPVS_CMD_GET_SERVICE`: one service (doit) or all (dump).
    public static let getService = IPVSCommand(rawValue: 4)
    /// `IPVS_CMD_NEW_DEST`: add a real server; also the command of every one in a reply.
    public static let newDest = IPVSCommand(rawValue: 5)
    /// `IPVS_CMD_SET_DEST`
    public static let setDest = IPVSCommand(rawValue: 6)
    /// `IPVS_CMD_DEL_DEST`
    public static let deleteDest = IPVSCommand(rawValue: 7)
    /// `IPVS_CMD_GET_DEST`: dump only.
    public static let getDest = IPVSCommand(rawValue: 8)
    /// `IPVS_CMD_NEW_DAEMON`
    public static let newDaemon = IPVSCommand(rawValue: 9)
    /// `IPVS_CMD_DEL_DAEMON`
    public static let deleteDaemon = IPVSCommand(rawValue: 10)
    /// `IPVS_CMD_GET_DAEMON`: dump only.
    public static let getDaemon = IPVSCommand(rawValue: 11)
    /// `IPVS_CMD_SET_CONFIG`: timeouts; also the command of the GET_CONFIG reply.
    public static let setConfig = IPVSCommand(rawValue: 12)
    /// `IPVS_CMD_GET_CONFIG`
    public static let getConfig = IPVSCommand(rawValue: 13)
    /// `IPVS_CMD_SET_INFO`: only ever the command of the GET_INFO reply.
    public static let setInfo = IPVSCommand(rawValue: 14)
    /// `IPVS_CMD_GET_INFO`
    public static let getInfo = IPVSCommand(rawValue: 15)
    /// `IPVS_CMD_ZERO`
    public static let zero = IPVSCommand(rawValue: 16)
    /// `IPVS_CMD_FLUSH`
    public static let flush = IPVSCommand(rawValue: 17)

    public var description: String { "IPVS_CMD(\(rawValue))" }
}

/// The generic-netlink family itself.
public enum IPVSFamily {
    /// `IPVS_GENL_NAME`
    public static let name = "IPVS"
    /// `IPVS_GENL_VERSION`
    public static let version: UInt8 = 1
}

extension IPVSRequest {
    /// The command that carries this request.
    public var command: IPVSCommand {
        switch self {
        case .addService: .newService
        case .editService: .setService
        case .deleteService: .deleteService
        case .addRealServer: .newDest
        case .editRealServer: .setDest
        case .deleteRealServer: .deleteDest
        case .flush: .flush
        case .zero: .zero
        case .setTimeouts: .setConfig
        case .startDaemon: .newDaemon
        case .stopDaemon: .deleteDaemon
        }
    }
}

/// A read of the kernel's state: one `IPVS_CMD_GET_*` message.
public enum IPVSQuery: Hashable, Sendable {
    /// `IPVS_CMD_GET_INFO`
    case info
    /// `IPVS_CMD_GET_SERVICE`, dump
    case services
    /// `IPVS_CMD_GET_SERVICE` of one service
    case service(ServiceID)
    /// `IPVS_CMD_GET_DEST`, dump of one service's real servers
    case realServers(ServiceID)
    /// `IPVS_CMD_GET_CONFIG`
    case timeouts
    /// `IPVS_CMD_GET_DAEMON`, dump
    case daemons

    public var command: IPVSCommand {
        switch self {
        case .info: .getInfo
        case .services, .service: .getService
        case .realServers: .getDest
        case .timeouts: .getConfig
        case .daemons: .getDaemon
        }
    }

    /// Dumps end with NLMSG_DONE; the others with an acknowledgement.
    public var isDump: Bool {
        switch self {
        case .services, .realServers, .daemons: true
        case .info, .service, .timeouts: false
        }
    }

    public var operation: IPVSOperation {
        switch self {
        case .info: .info
        case .services: .listServices
        case .service: .getService
        case .realServers: .listRealServers
        case .timeouts: .getTimeouts
        case .daemons: .listDaemons
        }
    }
}
