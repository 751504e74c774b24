import IPVSKit

extension ParseState {
    /// Applies one option as ipvsadm does on meeting it: refuse a second occurrence, then
    /// read and check the value at once, so the first bad value on the line is reported.
    mutating func apply(_ role: SwitchRole, value: String?, resolver: NameResolver) throws(CommandLineError) {
        if let tracked = role.tracked {
            guard !given.contains(tracked) else {
                throw .invalid("multiple '\(tracked.messageName)' options specified")
            }
            given.insert(tracked)
        }
        let text = value ?? ""
        switch role {
        case .command: break
        case .service(.tcp): try readService(text, protocol: .tcp, resolver: resolver)
        case .service(.udp): try readService(text, protocol: .udp, resolver: resolver)
        case .service(.sctp): try readService(text, protocol: .sctp, resolver: resolver)
        case .service(.fwmark):
            serviceProtocol = .tcp
            firewallMark = try number(text, 1...0xffff_ffff, "invalid fwmark value `\(text)' specified")
        case .ipv6:
            guard firewallMark != 0 else { throw .invalid("-6 used before -f\n") }
            firewallMarkIPv6 = true
            netmask = 128
        case .forwarding(let method): forwarding = method
        case .sort: break
        case .option(let option): try apply(option, text: text, value: value, resolver: resolver)
        }
    }

    /// An option that is its matrix row's only switch.
    private mutating func apply(
        _ option: TrackedOption, text: String, value: String?, resolver: NameResolver
    ) throws(CommandLineError) {
        switch option {
        // Spelled by several switches: `SwitchRole.service` and `.forwarding`.
        case .serviceAddress, .forwardingMethod: break
        case .scheduler: scheduler = Self.truncated(text, to: 15)
        case .persistent:
            persistent = true
            persistenceTimeout = 360
            if let value {
                persistenceTimeout = try number(value, 1...2_678_400, "invalid timeout value `\(value)' specified")
            }
        case .netmask: try readNetmask(text, resolver: resolver)
        case .realServer:
            guard let endpoint = EndpointText.parse(text, protocol: serviceProtocol, resolver: resolver) else {
                throw .invalid("illegal real server address[:port] specified")
            }
            // Without a port the server takes the service's, as far as it is known yet.
            serverEndpoint = Endpoint(address: endpoint.address, port: endpoint.port ?? servicePort)
        case .weight: weight = try number(text, 0...Int64(Int32.max), "illegal weight specified")
        case .upperThreshold: upperThreshold = try number(text, 0...Int64(Int32.max), "illegal u_threshold specified")
        case .lowerThreshold: lowerThreshold = try number(text, 0...Int64(Int32.max), "illegal l_threshold specified")
        case .connection, .numeric, .timeout, .daemon, .stats, .rate, .thresholds, .persistentConnections,
            .tunnelInfo, .noSort, .exact, .json:
            flags.insert(option)
        case .onePacket: onePacket = true
        // ipvsadm sends an engine only when the name is not empty: `--pe ''` is no engine.
        case .persistenceEngine: persistenceEngine = text.isEmpty ? nil : Self.truncated(text, to: 16)
        case .schedulerFlags: schedulerFlagsText = text
        case .multicastInterface: multicastInterface = Self.truncated(text, to: 15)
        case .syncID: syncID = try number(text, 0...255, "illegal syncid specified")
        case .syncMaxLength: syncMaxLength = try number(text, 1...65507, "illegal sync-maxlen specified")
        case .multicastGroup: multicastGroup = try Self.multicastGroup(text)
        case .multicastPort: multicastPort = try number(text, 1...65535, "illegal mcast-port specified")
        case .multicastTTL: multicastTTL = try number(text, 1...255, "illegal mcast-ttl specified")
        case .tunnelType:
            switch text {
            case "ipip": tunnelType = .ipip
            case "gue": tunnelType = .gue
            case "gre": tunnelType = .gre
            default: throw .invalid("illegal tunnel type specified")
            }
        case .tunnelPort: tunnelPort = try number(text, 1...65535, "illegal tunnel port specified")
        case .tunnelNoChecksum: break  // the empty flag set
        case .tunnelChecksum: tunnelFlags.insert(.checksum)
        case .tunnelRemoteChecksum: tunnelFlags.insert(.remoteChecksum)
        }
    }

    private mutating func readService(_ text: String, protocol proto: IPProtocol, resolver: NameResolver)
        throws(CommandLineError)
    {
        serviceProtocol = proto
        guard let endpoint = EndpointText.parse(text, protocol: proto, resolver: resolver) else {
            throw .invalid("illegal virtual server address[:port] specified")
        }
        serviceAddress = endpoint.address
        servicePort = endpoint.port ?? 0
        // An IPv6 service drops any -M given before it.
        if endpoint.address.family == .inet6 { netmask = 128 }
    }

    /// `-M`: an IPv4 mask (`inet_aton`, so `24` is 0.0.0.24, or a host name's address)
    /// until the service is known to be IPv6, then a prefix length read with `atoi`.
    private mutating func readNetmask(_ text: String, resolver: NameResolver) throws(CommandLineError) {
        if serviceFamily == .inet6 {
            let length = UInt32(bitPattern: NumberText.atoi(text))
            guard (1...128).contains(length) else { throw .invalid("illegal ipv6 netmask specified") }
            netmask = length
        } else {
            guard let mask = InetText.aton(text) ?? resolver.ipv4Address(ofHost: text) else {
                throw .invalid("illegal virtual server persistent mask specified")
            }
            netmask = mask.value
        }
    }

    /// A text with a `:` must be an IPv6 multicast address, any other an IPv4 one.
    private static func multicastGroup(_ text: String) throws(CommandLineError) -> IPAddress {
        if text.contains(":") {
            guard let v6 = InetText.pton6(text), v6.isMulticast else {
                throw .invalid("invalid IPv6 mcast-group `\(text)'")
            }
            return .v6(v6)
        }
        guard let v4 = IPv4Address(text), v4.isMulticast else { throw .invalid("invalid IPv4 mcast-group `\(text)'") }
        return .v4(v4)
    }

    private func number<T: FixedWidthInteger>(_ text: String, _ range: ClosedRange<Int64>, _ message: String)
        throws(CommandLineError) -> T
    {
        guard let value = NumberText.number(text, in: range), let typed = T(exactly: value) else {
            throw .invalid(message)
        }
        return typed
    }

    /// ipvsadm copies names into fixed C buffers; longer ones are cut (in bytes).
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        return String(decoding: text.utf8.prefix(limit), as: UTF8.self)
    }
}
