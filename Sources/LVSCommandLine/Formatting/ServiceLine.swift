import IPVSKit

/// The service line of a `-L` listing (ipvsadm's `print_service_entry`, list half).
enum ServiceLine {
    /// The line for one service, with its newline.
    static func line(_ entry: ServiceEntry, options: ListingOptions, resolver: any NameResolver) -> String {
        let name = nameField(entry.service.id, numeric: options.numeric, resolver: resolver)
        let stats = entry.statistics
        switch options.style {
        case .stats:
            return PrintfPadding.left(name, 33)
                + counters(
                    [stats.connections, stats.inPackets, stats.outPackets, stats.inBytes, stats.outBytes],
                    exact: options.exact) + "\n"
        case .rate:
            return PrintfPadding.left(name, 33)
                + counters(
                    [
                        stats.connectionRate, stats.inPacketRate, stats.outPacketRate, stats.inByteRate,
                        stats.outByteRate,
                    ], exact: options.exact) + "\n"
        case .plain, .thresholds, .persistentConnections, .tunnelInfo:
            return name + " " + entry.service.scheduler + configuration(entry.service) + "\n"
        }
    }

    /// `line`, appended to `buffer`; the plain style of a numeric IPv4 service (`-L -n`) is
    /// written without building a `String` (its name field, at most 26 bytes, is never cut).
    static func append(
        _ entry: ServiceEntry, options: ListingOptions, resolver: any NameResolver, to buffer: inout TextBuffer
    ) {
        guard
            options.style == .plain || options.style == .thresholds || options.style == .persistentConnections
                || options.style == .tunnelInfo, options.numeric,
            case .address(let proto, .v4(let address), let port) = entry.service.id
        else {
            buffer.append(line(entry, options: options, resolver: resolver))
            return
        }
        let start = buffer.count
        buffer.append(protocolLabel(proto))
        buffer.padLeftAligned(from: start, width: 4)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(address)
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.append(decimal: port)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(entry.service.scheduler)
        let service = entry.service
        if ServiceAttributes.hasSchedulerFlags(service) || service.flags.contains(.persistent)
            || service.flags.contains(.onePacket)
        {
            buffer.append(configuration(service))
        }
        buffer.append(byte: UInt8(ascii: "\n"))
    }

    /// `TCP  10.0.0.1:80`, `SCTP web.example.test:http`, `FWM  2`, `FWM  2 IPv6`.
    ///
    /// A non-IPv6 service's field is cut to 33 bytes (that is the column width); an
    /// IPv6 one is never cut and pushes the rest of its line to the right.
    static func nameField(_ id: ServiceID, numeric: Bool, resolver: any NameResolver) -> String {
        switch id {
        case .firewallMark(let mark, let family):
            let text = "FWM  " + IpvsadmDeviation.firewallMarkText(mark)
            return family == .inet6 ? text + " IPv6" : PrintfPadding.truncated(text, toBytes: 33)
        case .address(let proto, let address, let port):
            let label = protocolLabel(proto)
            let text =
                PrintfPadding.left(label, 4) + " "
                + AddressText.describe(address, port: port, protocol: proto, numeric: numeric, resolver: resolver)
            return address.family == .inet6 ? text : PrintfPadding.truncated(text, toBytes: 33)
        }
    }

    /// `TCP`, `UDP`, `SCTP`, or `?` for a protocol ipvsadm does not know.
    static func protocolLabel(_ proto: IPProtocol) -> String {
        switch proto {
        case .tcp: "TCP"
        case .udp: "UDP"
        case .sctp: "SCTP"
        default: "?"
        }
    }

    /// What follows the scheduler, in ipvsadm's order: ` (flags)`, ` persistent T`,
    /// ` mask M`, ` pe NAME`, ` ops`. Mask and engine are shown only for a persistent
    /// service (an engine set on another one is visible in `-S` only).
    static func configuration(_ service: VirtualService) -> String {
        var text = ""
        if ServiceAttributes.hasSchedulerFlags(service) {
            text += " (" + ServiceAttributes.schedulerFlagList(service) + ")"
        }
        if service.flags.contains(.persistent) {
            text += " persistent \(service.timeout)"
            if let mask = ServiceAttributes.persistenceMask(service) { text += " mask " + mask }
            if let engine = ServiceAttributes.persistenceEngine(service) { text += " pe " + engine }
        }
        if service.flags.contains(.onePacket) { text += " ops" }
        return text
    }

    /// `print_largenum` columns, concatenated (each brings its own leading blank).
    static func counters(_ values: [UInt64], exact: Bool) -> String {
        values.map { LargeNumber.column($0, exact: exact) }.joined()
    }
}
