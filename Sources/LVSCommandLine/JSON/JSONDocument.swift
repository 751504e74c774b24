import IPVSKit

/// lvsadm's JSON documents (`--json`), described field by field in Docs/json.md. Each is
/// one object with `version` (this format's version, 1) and `document` (what it holds)
/// first. Addresses are strings, ports, marks, counters and seconds are integers (64-bit
/// counters exact), coded values are names.
///
/// Pure: takes values, returns the whole text; the executor prints it only once every
/// read has succeeded, so a failed read never leaves half a document.
public enum JSONDocument {
    /// The format's version; a change that can break a reader bumps it.
    public static let version: UInt64 = 1

    /// `-S --json`: the configuration, as `-A`/`-a` set it, in `-S`'s order: no counters
    /// and no connection counts.
    public static func rules(_ services: [ListedService]) -> String {
        let ordered = Listing.sortedServices(services)
        return document(
            "rules",
            [
                JSONValue.Member(
                    "services",
                    .array(
                        ordered.map { listed in
                            serviceObject(
                                listed.entry.service, statistics: [],
                                servers: ListingOrder.sortedRealServers(listed.realServers).map {
                                    serverObject($0, listing: nil)
                                })
                        }))
            ])
    }

    /// `-L --json` (and `-L -t SERVICE --json`): the configuration as the kernel reports it,
    /// connection counts per real server, and with `--stats` the totals, with `--rate` the
    /// rates of every service and server. Sorted as `-L` unless `--nosort`.
    public static func listing(_ services: [ListedService], info: IPVSInfo, options: ListingOptions) -> String {
        let ordered = options.sorted ? Listing.sortedServices(services) : services
        let ipvs = JSONValue.object([
            "version": .string("\(info.major).\(info.minor).\(info.patch)"),
            "connection_table_size": .number(info.connectionTableSize),
        ])
        return document(
            "listing",
            [
                JSONValue.Member("ipvs", ipvs),
                JSONValue.Member(
                    "services",
                    .array(
                        ordered.map { listed in
                            let servers =
                                options.sorted ? ListingOrder.sortedRealServers(listed.realServers) : listed.realServers
                            return serviceObject(
                                listed.entry.service,
                                statistics: counters(listed.entry.statistics, style: options.style),
                                servers: servers.map { serverObject($0, listing: options.style) })
                        })),
            ])
    }

    /// `-L -c --json`: the connection table in the kernel's order.
    public static func connections(_ entries: [ConnectionEntry]) -> String {
        document("connections", [JSONValue.Member("connections", .array(entries.map(connectionObject)))])
    }

    /// `-L --timeout --json`, in seconds.
    public static func timeouts(_ timeouts: Timeouts) -> String {
        document(
            "timeouts",
            [
                JSONValue.Member(
                    "timeouts",
                    .object([
                        "tcp": .number(timeouts.tcp), "tcp_fin": .number(timeouts.tcpFin), "udp": .number(timeouts.udp),
                    ]))
            ])
    }

    /// `-L --daemon --json`: the running sync daemons, master first.
    public static func daemons(_ daemons: [SyncDaemon]) -> String {
        document(
            "daemons",
            [
                JSONValue.Member(
                    "daemons",
                    .array(
                        daemons.map { daemon in
                            .object([
                                "state": .string(JSONNames.daemonStateName(daemon.state)),
                                "interface": .string(daemon.multicastInterface),
                                "syncid": .number(daemon.syncID),
                                "max_length": .optional(daemon.maxLength),
                                "group": .optional(daemon.group?.description),
                                "port": .optional(daemon.port),
                                "ttl": .optional(daemon.ttl),
                            ])
                        }))
            ])
    }

    // MARK: Parts

    private static func document(_ kind: String, _ members: [JSONValue.Member]) -> String {
        JSONValue.object(
            [JSONValue.Member("version", .unsigned(version)), JSONValue.Member("document", .string(kind))] + members
        )
        .rendered()
    }

    /// A service; never with the `hashed` flag, which is the kernel's bookkeeping on every
    /// service it holds, not configuration (the netlink client drops it too).
    static func serviceObject(_ service: VirtualService, statistics: [JSONValue.Member], servers: [JSONValue])
        -> JSONValue
    {
        let flags = service.flags.subtracting(.hashed)
        var members = [JSONValue.Member("family", .string(JSONNames.familyName(service.id.family)))]
        switch service.id {
        case .address(let proto, let address, let port):
            members += [
                JSONValue.Member("protocol", .string(JSONNames.protocolName(proto))),
                JSONValue.Member("address", .string(address.description)),
                JSONValue.Member("port", .number(port)),
            ]
        case .firewallMark(let mark, _):
            members.append(JSONValue.Member("fwmark", .number(mark)))
        }
        members += [
            JSONValue.Member("scheduler", .string(service.scheduler)),
            JSONValue.Member(
                "flags", .array(JSONNames.serviceFlagList(flags, scheduler: service.scheduler).map { .string($0) })),
            JSONValue.Member("timeout", .number(service.timeout)),
        ]
        switch service.netmask {
        case .ipv4(let mask): members.append(JSONValue.Member("netmask", .string(mask.description)))
        case .ipv6(let length): members.append(JSONValue.Member("prefix_length", .number(length)))
        }
        members.append(JSONValue.Member("persistence_engine", .optional(service.persistenceEngine)))
        return .object(members + statistics + [JSONValue.Member("servers", .array(servers))])
    }

    /// A real server; `listing` (the style) adds its connection counts and counters.
    static func serverObject(_ entry: RealServerEntry, listing style: ListingStyle?) -> JSONValue {
        let server = entry.server
        var members = [
            JSONValue.Member("address", .string(server.address.description)),
            JSONValue.Member("port", .number(server.port)),
            JSONValue.Member("forwarding", .string(JSONNames.forwardingName(server.forwarding))),
            JSONValue.Member("weight", .number(server.weight)),
            JSONValue.Member("upper_threshold", .number(server.upperThreshold)),
            JSONValue.Member("lower_threshold", .number(server.lowerThreshold)),
            JSONValue.Member(
                "tunnel",
                .object([
                    "type": .string(JSONNames.tunnelTypeName(server.tunnelType)),
                    "port": .number(server.tunnelPort),
                    "flags": .array(JSONNames.tunnelFlagList(server.tunnelFlags).map { .string($0) }),
                ])),
        ]
        if let style {
            members.append(
                JSONValue.Member(
                    "connections",
                    .object([
                        "active": .number(entry.connections.active),
                        "inactive": .number(entry.connections.inactive),
                        "persistent": .number(entry.connections.persistent),
                    ])))
            members += counters(entry.statistics, style: style)
        }
        return .object(members)
    }

    /// `stats` (totals) with `--stats`, `rate` (per second) with `--rate`, else nothing.
    static func counters(_ statistics: Statistics, style: ListingStyle) -> [JSONValue.Member] {
        switch style {
        case .stats:
            [
                JSONValue.Member(
                    "stats",
                    .object([
                        "connections": .unsigned(statistics.connections),
                        "packets_in": .unsigned(statistics.inPackets), "packets_out": .unsigned(statistics.outPackets),
                        "bytes_in": .unsigned(statistics.inBytes), "bytes_out": .unsigned(statistics.outBytes),
                    ]))
            ]
        case .rate:
            [
                JSONValue.Member(
                    "rate",
                    .object([
                        "connections": .unsigned(statistics.connectionRate),
                        "packets_in": .unsigned(statistics.inPacketRate),
                        "packets_out": .unsigned(statistics.outPacketRate),
                        "bytes_in": .unsigned(statistics.inByteRate), "bytes_out": .unsigned(statistics.outByteRate),
                    ]))
            ]
        default: []
        }
    }

    static func connectionObject(_ entry: ConnectionEntry) -> JSONValue {
        func endpoint(_ address: IPAddress, _ port: UInt16) -> JSONValue {
            .object(["address": .string(address.description), "port": .number(port)])
        }
        return .object([
            "protocol": .string(entry.protocolName.lowercased()),
            "client": endpoint(entry.client, entry.clientPort),
            "virtual": endpoint(entry.virtual, entry.virtualPort),
            "destination": endpoint(entry.destination, entry.destinationPort),
            "state": .string(entry.state),
            "expires": .number(entry.expires),
            "persistence_engine": .optional(entry.persistenceEngine),
            "persistence_data": .optional(entry.persistenceData),
        ])
    }
}
