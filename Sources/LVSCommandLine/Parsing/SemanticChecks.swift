import IPVSKit

/// The checks ipvsadm makes after the matrix, in its order, with the defaults it fills
/// in between them.
enum SemanticChecks {
    static func check(_ state: inout ParseState) throws(CommandLineError) {
        switch state.command {
        case .addService, .editService:
            let isMark = state.firewallMark != 0
            if !isMark && state.servicePort == 0 && !state.persistent {
                throw .invalid("Zero port specified for non-persistent service")
            }
            if state.onePacket && !isMark && state.serviceProtocol != .udp {
                throw .invalid("One-Packet Scheduling is only for UDP virtual services")
            }
            // An empty `-s ''` counts as none given.
            if state.scheduler?.isEmpty ?? true { state.scheduler = "wlc" }
        case .startDaemon:
            if state.multicastInterface == nil { state.multicastInterface = "eth0" }
        case .addServer, .editServer:
            // Direct routing and tunnelling cannot change the port.
            if state.firewallMark == 0 && (state.forwarding == .directRoute || state.forwarding == .tunnel) {
                state.serverEndpoint?.port = state.servicePort
            }
            if let server = state.serverEndpoint, server.address.family != state.serviceFamily,
                state.forwarding != .tunnel
            {
                throw .invalid("Different address family is allowed only for tunneling servers")
            }
            let tunnelOptions: [TrackedOption] = [.tunnelType] + MatrixCheck.tunnelOptions
            if state.forwarding != .tunnel && tunnelOptions.contains(where: state.has) {
                throw .invalid("Tunnel options conflict with forward method")
            }
            try MatrixCheck.checkTunnel(state)
        case .list:
            let target = state.has(.connection) || state.has(.timeout) || state.has(.daemon)
            let counters = state.has(.stats) || state.has(.rate) || state.has(.thresholds)
            if (target && counters)
                || ((state.has(.timeout) || state.has(.daemon)) && state.has(.persistentConnections))
            {
                throw .invalid("options conflicts in the list command")
            }
        default: break
        }
    }
}
