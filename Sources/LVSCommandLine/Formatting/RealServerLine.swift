import IPVSKit

/// The real-server lines of a `-L` listing (`  -> ...`).
enum RealServerLine {
    /// The line for one real server of `service`, with its newline.
    static func line(
        _ entry: RealServerEntry, of service: ServiceID, options: ListingOptions, resolver: any NameResolver
    ) -> String {
        var buffer = TextBuffer()
        append(entry, of: service, options: options, resolver: resolver, to: &buffer)
        return buffer.text
    }

    /// `line`, appended to `buffer`; the plain style (`-L -n`) is written without
    /// building a `String`.
    static func append(
        _ entry: RealServerEntry, of service: ServiceID, options: ListingOptions, resolver: any NameResolver,
        to buffer: inout TextBuffer
    ) {
        let server = entry.server
        buffer.append("  -> " as StaticString)
        let start = buffer.count
        appendAddressField(server, of: service, options: options, resolver: resolver, to: &buffer)
        buffer.padLeftAligned(from: start, width: 28)
        if options.style == .plain {
            appendPlainColumns(entry, to: &buffer)
        } else {
            buffer.append(body(entry, options: options))
        }
        buffer.append(byte: UInt8(ascii: "\n"))
    }

    /// The plain style's columns after the address, ` %-7s %-6d %-10u %-10u`, written
    /// straight into the buffer: `-L -n` of a large table spends its time here.
    private static func appendPlainColumns(_ entry: RealServerEntry, to buffer: inout TextBuffer) {
        buffer.append(byte: UInt8(ascii: " "))
        var column = buffer.count
        buffer.append(forwardingName(entry.server.forwarding))
        buffer.padLeftAligned(from: column, width: 7)
        buffer.append(byte: UInt8(ascii: " "))
        column = buffer.count
        buffer.append(signed: entry.server.weight)
        buffer.padLeftAligned(from: column, width: 6)
        buffer.append(byte: UInt8(ascii: " "))
        column = buffer.count
        buffer.append(decimal: entry.connections.active)
        buffer.padLeftAligned(from: column, width: 10)
        buffer.append(byte: UInt8(ascii: " "))
        column = buffer.count
        buffer.append(decimal: entry.connections.inactive)
        buffer.padLeftAligned(from: column, width: 10)
    }

    /// The columns after the address, for every style.
    private static func body(_ entry: RealServerEntry, options: ListingOptions) -> String {
        let server = entry.server
        let counts = entry.connections
        let stats = IpvsadmDeviation.realServerStatistics(entry)
        let body: String
        switch options.style {
        case .plain:
            var columns = TextBuffer()
            appendPlainColumns(entry, to: &columns)
            body = columns.text
        case .tunnelInfo:
            body = Listing.columns([
                PrintfPadding.left(forwardingName(server.forwarding), 7), PrintfPadding.left(tunnelInfo(server), 13),
                PrintfPadding.leftSigned(server.weight, 6), PrintfPadding.left(counts.active, 10),
                PrintfPadding.left(counts.inactive, 10),
            ])
        case .thresholds:
            body = Listing.columns(
                [server.upperThreshold, server.lowerThreshold, counts.active, counts.inactive].map {
                    PrintfPadding.left($0, 10)
                })
        case .persistentConnections:
            body = Listing.columns([
                PrintfPadding.leftSigned(server.weight, 9), PrintfPadding.left(counts.persistent, 11),
                PrintfPadding.left(counts.active, 10), PrintfPadding.left(counts.inactive, 10),
            ])
        case .stats:
            body = ServiceLine.counters(
                [stats.connections, stats.inPackets, stats.outPackets, stats.inBytes, stats.outBytes],
                exact: options.exact)
        case .rate:
            // ipvsadm prints a real server's connection and packet rates raw (`%8llu`,
            // never K/M), and only its byte rates through print_largenum.
            body =
                Listing.columns(
                    [stats.connectionRate, stats.inPacketRate, stats.outPacketRate].map {
                        PrintfPadding.right($0, 8)
                    })
                + ServiceLine.counters([stats.inByteRate, stats.outByteRate], exact: options.exact)
        }
        return body
    }

    /// `addressField`, appended to `buffer`: a numeric IPv4 address is never cut (at most 21
    /// bytes), so it is written directly.
    static func appendAddressField(
        _ server: RealServer, of service: ServiceID, options: ListingOptions, resolver: any NameResolver,
        to buffer: inout TextBuffer
    ) {
        if options.numeric, server.address.family == .inet {
            AddressText.append(
                server.address, port: server.port, protocol: nil, numeric: true, resolver: resolver, to: &buffer)
        } else {
            buffer.append(addressField(server, of: service, options: options, resolver: resolver))
        }
    }

    /// The address text, cut to 28 bytes unless the real server is IPv6. Ports are named
    /// under the *service's* protocol (so never for fwmark services).
    static func addressField(
        _ server: RealServer, of service: ServiceID, options: ListingOptions, resolver: any NameResolver
    ) -> String {
        let text = AddressText.describe(
            server.address, port: server.port, protocol: ServiceAttributes.namingProtocol(service),
            numeric: options.numeric, resolver: resolver)
        return server.address.family == .inet6 ? text : PrintfPadding.truncated(text, toBytes: 28)
    }

    /// `Masq`, `Local`, `Tunnel`, `Route`; ipvsadm has no name for any other method and
    /// passes a null pointer to printf, which glibc prints as `(null)`.
    static func forwardingName(_ method: ForwardingMethod) -> String {
        switch method {
        case .masquerade: "Masq"
        case .local: "Local"
        case .tunnel: "Tunnel"
        case .directRoute: "Route"
        default: "(null)"
        }
    }

    /// The `--tun-info` column: `ipip`, `gue:<port>:<csum>`, `gre:<csum>` for a tunnelled
    /// server, `n/a` for the others.
    static func tunnelInfo(_ server: RealServer) -> String {
        guard server.forwarding == .tunnel else { return "n/a" }
        switch server.tunnelType {
        case .ipip: return "ipip"
        case .gue: return "gue:\(server.tunnelPort):" + checksumMark(server.tunnelFlags)
        case .gre: return "gre:" + checksumMark(server.tunnelFlags)
        default: return "n/a"
        }
    }

    /// `-c` no checksum, `+c` checksum, `r+c` remote checksum offload. The kernel refuses
    /// both flags together; should they come back anyway, remote checksum wins.
    static func checksumMark(_ flags: TunnelFlags) -> String {
        if flags.contains(.remoteChecksum) { return "r+c" }
        if flags.contains(.checksum) { return "+c" }
        return "-c"
    }
}
