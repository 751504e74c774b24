import IPVSKit

/// Turns a checked parse state into the `Command` value.
enum CommandBuilder {
    static func build(_ state: ParseState) throws(CommandLineError) -> Command {
        switch state.command {
        case .addService: return .addService(try service(state))
        case .editService: return .editService(try service(state))
        case .deleteService: return .deleteService(try serviceID(state))
        case .flush: return .flush
        case .addServer: return .addRealServer(try server(state), service: try serviceID(state))
        case .editServer: return .editRealServer(try server(state), service: try serviceID(state))
        case .deleteServer: return .deleteRealServer(try server(state).id, service: try serviceID(state))
        case .list: return .list(listRequest(state))
        case .zero: return .zero(zeroTarget(state))
        case .setTimeouts: return .setTimeouts(state.timeouts)
        case .startDaemon:
            return .startDaemon(
                SyncDaemon(
                    state: state.daemonState ?? .master, multicastInterface: state.multicastInterface ?? "eth0",
                    syncID: state.syncID, maxLength: state.syncMaxLength, group: state.multicastGroup,
                    port: state.multicastPort, ttl: state.multicastTTL))
        case .stopDaemon: return .stopDaemon(state.daemonState ?? .master)
        case .save:
            return .save(numeric: state.flags.contains(.numeric), format: state.flags.contains(.json) ? .json : .text)
        case .restore: return .restore
        case .help: return .help
        case .version: return .version
        }
    }

    /// The matrix guarantees a service where one is needed; this only keeps the builder
    /// total.
    private static func serviceID(_ state: ParseState) throws(CommandLineError) -> ServiceID {
        guard let id = state.serviceID else {
            throw .invalid(
                "You need to supply the 'service-address' option for the '\(state.command.messageName)' command")
        }
        return id
    }

    /// `-Z` names a service only if it has a mark, a non-zero address or a non-zero port:
    /// ipvsadm zeroes the whole table for `-Z -t 0.0.0.0:0` (or `[::]:0`).
    private static func zeroTarget(_ state: ParseState) -> ServiceID? {
        guard case .address(_, let address, let port)? = state.serviceID else { return state.serviceID }
        return address.kernelBytes.allSatisfy({ $0 == 0 }) && port == 0 ? nil : state.serviceID
    }

    private static func service(_ state: ParseState) throws(CommandLineError) -> VirtualService {
        var flags = state.schedulerFlags
        if state.persistent { flags.insert(.persistent) }
        if state.onePacket { flags.insert(.onePacket) }
        return VirtualService(
            id: try serviceID(state), scheduler: state.scheduler ?? "wlc", flags: flags,
            timeout: state.persistent ? state.persistenceTimeout : 0, netmask: state.netmaskValue,
            persistenceEngine: state.persistenceEngine)
    }

    private static func server(_ state: ParseState) throws(CommandLineError) -> RealServer {
        guard let endpoint = state.serverEndpoint else {
            throw .invalid("You need to supply the 'real-server' option for the '\(state.command.messageName)' command")
        }
        return RealServer(
            address: endpoint.address, port: endpoint.port ?? 0, forwarding: state.forwarding, weight: state.weight,
            upperThreshold: state.upperThreshold, lowerThreshold: state.lowerThreshold, tunnelType: state.tunnelType,
            tunnelPort: state.tunnelPort, tunnelFlags: state.tunnelFlags)
    }

    /// ipvsadm's listing dispatch and column precedence (Docs/ipvsadm-behaviour.md).
    static func listRequest(_ state: ParseState) -> ListRequest {
        let f = state.flags
        let target: ListRequest.Target =
            if f.contains(.connection) { .connections } else if let id = state.serviceID {
                .service(id)
            } else if f.contains(.timeout) { .timeouts } else if f.contains(.daemon) { .daemons } else { .table }
        let style = ListingStyle(
            stats: f.contains(.stats), rate: f.contains(.rate), thresholds: f.contains(.thresholds),
            persistentConnections: f.contains(.persistentConnections), tunnelInfo: f.contains(.tunnelInfo))
        return ListRequest(
            target: target,
            options: ListingOptions(
                numeric: f.contains(.numeric), style: style, exact: f.contains(.exact), sorted: !f.contains(.noSort)),
            format: f.contains(.json) ? .json : .text)
    }
}
