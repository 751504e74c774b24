import IPVSKit

/// A planned request as the ipvsadm command line that makes the same change, in the
/// `-S -n` style, so `lvsadm -R` (and ipvsadm's) accepts what `diff` prints.
public enum ChangeFormat {
    /// The line, with its newline.
    public static func line(_ request: IPVSRequest, resolver: any NameResolver) -> String {
        switch request {
        case .addService(let service):
            return SaveFormat.serviceRule(service, numeric: true, resolver: resolver)
        case .editService(let service):
            return "-E" + SaveFormat.serviceRule(service, numeric: true, resolver: resolver).dropFirst(2)
        case .deleteService(let id):
            return "-D " + SaveFormat.serviceOption(id, numeric: true, resolver: resolver) + "\n"
        case .addRealServer(let server, let service):
            return SaveFormat.realServerRule(server, of: service, numeric: true, resolver: resolver)
        case .editRealServer(let server, let service):
            return "-e" + SaveFormat.realServerRule(server, of: service, numeric: true, resolver: resolver).dropFirst(2)
        case .deleteRealServer(let id, let service):
            let address = AddressText.describe(
                id.address, port: id.port, protocol: nil, numeric: true, resolver: resolver)
            return "-d " + SaveFormat.serviceOption(service, numeric: true, resolver: resolver) + " -r " + address
                + "\n"
        case .setTimeouts(let t):
            return "--set \(t.tcp) \(t.tcpFin) \(t.udp)\n"
        case .startDaemon(let daemon):
            return "--start-daemon " + daemonOptions(daemon) + "\n"
        case .stopDaemon(let state):
            return "--stop-daemon \(state)\n"
        case .flush:
            return "-C\n"
        case .zero(let id):
            return "-Z" + (id.map { " " + SaveFormat.serviceOption($0, numeric: true, resolver: resolver) } ?? "")
                + "\n"
        }
    }

    /// `master --mcast-interface eth0 --syncid 0`, then each optional field that is set.
    static func daemonOptions(_ daemon: SyncDaemon) -> String {
        var text = "\(daemon.state) --mcast-interface \(daemon.multicastInterface) --syncid \(daemon.syncID)"
        if let length = daemon.maxLength { text += " --sync-maxlen \(length)" }
        if let group = daemon.group { text += " --mcast-group \(group)" }
        if let port = daemon.port { text += " --mcast-port \(port)" }
        if let ttl = daemon.ttl { text += " --mcast-ttl \(ttl)" }
        return text
    }
}
