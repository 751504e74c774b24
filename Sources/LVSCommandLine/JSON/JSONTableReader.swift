import IPVSKit

extension JSONDocument {
    /// Reads a `rules` or `listing` document back into the model values, in the document's
    /// order; what the writer put in comes back equal (`-S --json` of a table decodes to
    /// its configuration). This is what `lvsadm apply` takes.
    ///
    /// Fields left out take `-A`/`-a`'s defaults (scheduler `wlc`, forwarding `route`,
    /// weight 1, ...); a service must say who it is (`protocol`, `address`, `port`, or
    /// `fwmark`). A key this version does not know is refused, so a misspelt field is an
    /// error rather than a silent default.
    public static func services(from text: String) throws(JSONDocumentError) -> [ListedService] {
        let root = try ObjectReader(try JSONParser.parse(text), path: "")
        guard let version = try root.unsigned("version", max: UInt64.max) else {
            throw root.error("version", "missing")
        }
        guard version == Self.version else {
            throw root.error("version", "\(version) is not supported (this lvsadm reads version \(Self.version))")
        }
        let kind = try root.string("document")
        guard kind == "rules" || kind == "listing" else {
            throw root.error(
                "document", "expected \"rules\" or \"listing\", not \(kind.map { "\"\($0)\"" } ?? "nothing")")
        }
        _ = root.value("ipvs")
        let services = try root.array("services") ?? []
        try root.finish()
        var listed: [ListedService] = []
        for (index, value) in services.enumerated() {
            listed.append(try service(ObjectReader(value, path: "services[\(index)]")))
        }
        return listed
    }

    private static func service(_ object: ObjectReader) throws(JSONDocumentError) -> ListedService {
        let familyName = try object.string("family")
        let family = try familyName.map { name throws(JSONDocumentError) -> AddressFamily in
            guard let family = JSONNames.familyValue(name) else {
                throw object.error("family", "expected \"inet\" or \"inet6\"")
            }
            return family
        }
        let id: ServiceID
        if let mark = try object.unsigned("fwmark", max: UInt64(UInt32.max)) {
            for key in ["protocol", "address", "port"] where object.value(key) != nil {
                throw object.error(key, "a firewall-mark service has no \(key)")
            }
            id = .firewallMark(UInt32(mark), family: family ?? .inet)
        } else {
            guard let protoName = try object.string("protocol") else {
                throw object.error("protocol", "a service needs \"protocol\", \"address\" and \"port\", or \"fwmark\"")
            }
            guard let proto = JSONNames.protocolValue(protoName) else {
                throw object.error("protocol", "expected \"tcp\", \"udp\", \"sctp\" or a protocol number")
            }
            guard let address = try object.address("address") else { throw object.error("address", "missing") }
            if let family, family != address.family {
                throw object.error("family", "\(JSONNames.familyName(family)) does not match the address")
            }
            guard let port = try object.unsigned("port", max: UInt64(UInt16.max)) else {
                throw object.error("port", "missing")
            }
            id = .address(proto, address, port: UInt16(port))
        }
        let scheduler = try object.string("scheduler") ?? "wlc"
        var flags: ServiceFlags = []
        for (index, name) in try object.strings("flags").enumerated() {
            guard let flag = JSONNames.serviceFlagValue(name) else {
                throw object.error("flags[\(index)]", "unknown flag \"\(name)\"")
            }
            flags.insert(flag)
        }
        let timeout = try object.unsigned("timeout", max: UInt64(UInt32.max)).map { UInt32($0) } ?? 0
        var netmask: Netmask?
        if let text = try object.string("netmask") {
            guard let mask = IPv4Address(text) else { throw object.error("netmask", "expected a dotted quad") }
            netmask = .ipv4(mask)
        }
        if let length = try object.unsigned("prefix_length", max: 128) {
            guard netmask == nil else {
                throw object.error("prefix_length", "give \"netmask\" or \"prefix_length\", not both")
            }
            netmask = .ipv6(prefixLength: UInt32(length))
        }
        let engine = try object.string("persistence_engine")
        let statistics = try counters(object)
        var servers: [RealServerEntry] = []
        for (index, value) in (try object.array("servers") ?? []).enumerated() {
            servers.append(try server(ObjectReader(value, path: object.path + ".servers[\(index)]")))
        }
        try object.finish()
        let service = VirtualService(
            id: id, scheduler: scheduler, flags: flags, timeout: timeout, netmask: netmask, persistenceEngine: engine)
        return ListedService(ServiceEntry(service: service, statistics: statistics), realServers: servers)
    }

    private static func server(_ object: ObjectReader) throws(JSONDocumentError) -> RealServerEntry {
        guard let address = try object.address("address") else { throw object.error("address", "missing") }
        guard let port = try object.unsigned("port", max: UInt64(UInt16.max)) else {
            throw object.error("port", "missing")
        }
        var forwarding = ForwardingMethod.directRoute
        if let name = try object.string("forwarding") {
            guard let method = JSONNames.forwardingValue(name) else {
                throw object.error("forwarding", "expected \"masq\", \"route\" or \"tunnel\"")
            }
            forwarding = method
        }
        let maxInt = UInt64(Int32.max)
        let weight = try object.unsigned("weight", max: maxInt).map { UInt32($0) } ?? 1
        let upper = try object.unsigned("upper_threshold", max: maxInt).map { UInt32($0) } ?? 0
        let lower = try object.unsigned("lower_threshold", max: maxInt).map { UInt32($0) } ?? 0
        var tunnelType = TunnelType.ipip
        var tunnelPort: UInt16 = 0
        var tunnelFlags: TunnelFlags = []
        if let value = object.value("tunnel") {
            let tunnel = try ObjectReader(value, path: object.path + ".tunnel")
            if let name = try tunnel.string("type") {
                guard let type = JSONNames.tunnelTypeValue(name) else {
                    throw tunnel.error("type", "expected \"ipip\", \"gue\" or \"gre\"")
                }
                tunnelType = type
            }
            tunnelPort = try tunnel.unsigned("port", max: UInt64(UInt16.max)).map { UInt16($0) } ?? 0
            for (index, name) in try tunnel.strings("flags").enumerated() {
                guard let flag = JSONNames.tunnelFlagValue(name) else {
                    throw tunnel.error("flags[\(index)]", "unknown flag \"\(name)\"")
                }
                tunnelFlags.insert(flag)
            }
            try tunnel.finish()
        }
        var connections = ConnectionCounts()
        if let value = object.value("connections") {
            let counts = try ObjectReader(value, path: object.path + ".connections")
            let max = UInt64(UInt32.max)
            connections = ConnectionCounts(
                active: UInt32(try counts.unsigned("active", max: max) ?? 0),
                inactive: UInt32(try counts.unsigned("inactive", max: max) ?? 0),
                persistent: UInt32(try counts.unsigned("persistent", max: max) ?? 0))
            try counts.finish()
        }
        let statistics = try counters(object)
        try object.finish()
        let server = RealServer(
            address: address, port: UInt16(port), forwarding: forwarding, weight: weight, upperThreshold: upper,
            lowerThreshold: lower, tunnelType: tunnelType, tunnelPort: tunnelPort, tunnelFlags: tunnelFlags)
        return RealServerEntry(server: server, connections: connections, statistics: statistics)
    }

    /// `stats` and `rate` of a listing, when present.
    private static func counters(_ object: ObjectReader) throws(JSONDocumentError) -> Statistics {
        var statistics = Statistics()
        try readCounters(
            object, "stats", into: [\.connections, \.inPackets, \.outPackets, \.inBytes, \.outBytes],
            of: &statistics)
        try readCounters(
            object, "rate", into: [\.connectionRate, \.inPacketRate, \.outPacketRate, \.inByteRate, \.outByteRate],
            of: &statistics)
        return statistics
    }

    /// The keys of a `stats` or a `rate` object, in the order of the fields they fill.
    private static let counterKeys = ["connections", "packets_in", "packets_out", "bytes_in", "bytes_out"]

    /// Reads the object `key` of `object`, if present, into `fields` (one per `counterKeys`).
    private static func readCounters(
        _ object: ObjectReader, _ key: String, into fields: [WritableKeyPath<Statistics, UInt64>],
        of statistics: inout Statistics
    ) throws(JSONDocumentError) {
        guard let value = object.value(key) else { return }
        let reader = try ObjectReader(value, path: object.path + "." + key)
        for (name, field) in zip(counterKeys, fields) {
            statistics[keyPath: field] = try reader.unsigned(name, max: .max) ?? 0
        }
        try reader.finish()
    }
}

/// Typed reads of one object's members, with the member's path in every message; it
/// remembers what was read so `finish()` can refuse the keys nobody asked for.
final class ObjectReader {
    let path: String
    private let members: [JSONValue.Member]
    private var read: Set<String> = []

    /// `path` names the object in messages (`services[0]`); "" for the document itself.
    init(_ value: JSONValue, path: String) throws(JSONDocumentError) {
        guard case .object(let members) = value else {
            throw JSONDocumentError("\(path.isEmpty ? "document" : path): expected an object")
        }
        self.path = path
        self.members = members
    }

    func error(_ key: String, _ what: String) -> JSONDocumentError {
        JSONDocumentError("\(path.isEmpty ? "" : path + ".")\(key): \(what)")
    }

    /// The member, or nil when absent or null.
    func value(_ key: String) -> JSONValue? {
        read.insert(key)
        guard let value = members.first(where: { $0.key == key })?.value, value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws(JSONDocumentError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw error(key, "expected a string") }
        return text
    }

    func unsigned(_ key: String, max: UInt64) throws(JSONDocumentError) -> UInt64? {
        guard let value = value(key) else { return nil }
        guard case .unsigned(let number) = value, number <= max else {
            throw error(key, "expected an integer from 0 to \(max)")
        }
        return number
    }

    func array(_ key: String) throws(JSONDocumentError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else { throw error(key, "expected an array") }
        return elements
    }

    func strings(_ key: String) throws(JSONDocumentError) -> [String] {
        try (array(key) ?? []).enumerated().map { (index, element) throws(JSONDocumentError) -> String in
            guard case .string(let text) = element else { throw error("\(key)[\(index)]", "expected a string") }
            return text
        }
    }

    func address(_ key: String) throws(JSONDocumentError) -> IPAddress? {
        guard let text = try string(key) else { return nil }
        guard let address = IPAddress(text) else { throw error(key, "expected an IPv4 or IPv6 address") }
        return address
    }

    /// Refuses the members not read.
    func finish() throws(JSONDocumentError) {
        if let stray = members.first(where: { !read.contains($0.key) }) {
            throw error(stray.key, "unknown key")
        }
    }
}
