import IPVSKit

/// The text of an address and port in every listing (ipvsadm's `addrport_to_anyname`).
public enum AddressText {
    /// ipvsadm formats into a 60-byte buffer, so every address text is silently cut to
    /// 59 bytes, in `-S` output too.
    static let maximumLength = 59

    /// `10.0.0.1:80`, `[2001:db8::1]:80`, or with names `web.example.test:http`,
    /// `[web6.example.test]:http`.
    ///
    /// - Parameters:
    ///   - protocol: the protocol whose service names the port is looked up under; `nil`
    ///     (fwmark services, unknown protocols) always prints the port as a number.
    ///   - numeric: `-n`: no look-ups at all.
    ///   - resolver: host names from `hostName(of:)` (the numeric address when it has
    ///     none), port names from `serviceName(ofPort:protocol:)` (the number when none).
    public static func describe(
        _ address: IPAddress, port: UInt16, protocol: IPProtocol?, numeric: Bool, resolver: any NameResolver
    ) -> String {
        var host = address.description
        var service = String(port)
        if !numeric {
            if let name = resolver.hostName(of: address) { host = name }
            if let proto = `protocol`, hasServiceNames(proto),
                let name = resolver.serviceName(ofPort: port, protocol: proto)
            {
                service = name
            }
        }
        // Brackets follow the address family, also around a resolved name.
        let text = address.family == .inet6 ? "[\(host)]:\(service)" : "\(host):\(service)"
        return PrintfPadding.truncated(text, toBytes: maximumLength)
    }

    /// `describe`, appended to `buffer`. A numeric IPv4 address and port (at most 21
    /// bytes, never cut) are written without building a `String`: `-S -n` and `-L -n`
    /// print two per real server.
    static func append(
        _ address: IPAddress, port: UInt16, protocol: IPProtocol?, numeric: Bool, resolver: any NameResolver,
        to buffer: inout TextBuffer
    ) {
        if numeric, case .v4(let v4) = address {
            buffer.append(v4, port: port)
        } else {
            buffer.append(describe(address, port: port, protocol: `protocol`, numeric: numeric, resolver: resolver))
        }
    }

    /// ipvsadm looks port names up only under "tcp", "udp" and "sctp".
    static func hasServiceNames(_ proto: IPProtocol) -> Bool {
        proto == .tcp || proto == .udp || proto == .sctp
    }

    /// The protocol a connection line's ports are named under: the proc file's protocol
    /// text, matched exactly (`IP` and anything else get numbers).
    static func connectionProtocol(_ name: String) -> IPProtocol? {
        switch name {
        case "TCP": .tcp
        case "UDP": .udp
        case "SCTP": .sctp
        default: nil
        }
    }
}
