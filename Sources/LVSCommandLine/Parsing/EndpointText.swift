import IPVSKit

/// An address and maybe a port, as read from `-t`, `-u`, `--sctp-service` or `-r`.
package struct Endpoint: Hashable {
    package var address: IPAddress
    /// nil when the text gave none (or lost it, see `parse`).
    package var port: UInt16?
}

/// Reading `host[:port]` the way ipvsadm's `parse_service` does, quirks included.
package enum EndpointText {
    /// - an all-digit text (or an empty one) is refused, so a mark is never a host;
    /// - `[text]` must be followed by `:`; the port is what comes after it;
    /// - text that is an IPv6 address is all address: `2001:db8::5:80` has no port;
    /// - otherwise the last `:` splits host and port, and the host is an `inet_aton`
    ///   number or a host name with an IPv4 address (IPv6 names are never looked up).
    ///   Inside brackets this split replaces the bracket's port, so `[1.2.3.4]:80` has
    ///   none;
    /// - the port is a number 0-65535 or a service name of `protocol` (none known: names
    ///   fail).
    static func parse(_ text: String, protocol proto: IPProtocol?, resolver: NameResolver) -> Endpoint? {
        plainIPv4(text) ?? general(text, protocol: proto, resolver: resolver)
    }

    /// `parse` without the fast path.
    package static func general(_ text: String, protocol proto: IPProtocol?, resolver: NameResolver) -> Endpoint? {
        guard !text.utf8.allSatisfy(NumberText.isDigit) else { return nil }
        var host = Substring(text)
        var portText: Substring?
        if host.first == "[" {
            let inside = host.dropFirst()
            guard let close = inside.firstIndex(of: "]") else { return nil }
            let after = inside[inside.index(after: close)...]
            guard after.first == ":" else { return nil }
            host = inside[..<close]
            portText = after.dropFirst()
        }
        let address: IPAddress
        if let v6 = InetText.pton6(String(host)) {
            address = .v6(v6)
        } else {
            portText = nil
            if let colon = host.lastIndex(of: ":") {
                portText = host[host.index(after: colon)...]
                host = host[..<colon]
            }
            if let v4 = InetText.aton(String(host)) ?? resolver.ipv4Address(ofHost: String(host)) {
                address = .v4(v4)
            } else {
                return nil
            }
        }
        guard let portText else { return Endpoint(address: address, port: nil) }
        guard let port = port(String(portText), protocol: proto, resolver: resolver) else { return nil }
        return Endpoint(address: address, port: port)
    }

    /// `a.b.c.d` or `a.b.c.d:port`: a dotted quad in `inet_pton`'s form (the one reader of
    /// it, `IPv4Address.readDottedQuad`) and a plain decimal port 0-65535 without leading
    /// zeros, the form nearly every rule uses, read in one pass over the bytes; nil for
    /// anything else, which `parse` then reads the general way. For the texts it accepts,
    /// the general way gives the same endpoint: such a text is no IPv6 address, and
    /// `inet_aton` reads four decimal parts as they are. `-R` reads two per real server,
    /// and the general way (IPv6 attempt, substrings, `inet_aton`) would be a large part
    /// of its time.
    package static func plainIPv4(_ text: String) -> Endpoint? {
        var text = text
        return text.withUTF8 { plainIPv4(bytes: $0) }
    }

    /// `plainIPv4` of text given as bytes (the save-format fast path reads lines as bytes).
    static func plainIPv4(bytes text: UnsafeBufferPointer<UInt8>) -> Endpoint? {
        var index = 0
        guard let address = IPv4Address.readDottedQuad(text, at: &index) else { return nil }
        if index == text.count { return Endpoint(address: .v4(address), port: nil) }
        guard text[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard let port = port(text, &index), index == text.count else { return nil }
        return Endpoint(address: .v4(address), port: port)
    }

    /// Decimal digits at `index` (one to five, no leading zero but in "0" itself, at most
    /// 65535), moving `index` past them; nil otherwise.
    private static func port(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt16? {
        let start = index
        var value: UInt32 = 0
        while index < text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            guard index - start < 5 else { return nil }
            value = value * 10 + UInt32(digit)
            index += 1
        }
        let count = index - start
        guard count > 0, count == 1 || text[start] != UInt8(ascii: "0"), value <= 65535 else { return nil }
        return UInt16(value)
    }

    /// A port number, or a service name looked up for the protocol known so far.
    static func port(_ text: String, protocol proto: IPProtocol?, resolver: NameResolver) -> UInt16? {
        if let number = NumberText.number(text, in: 0...65535) { return UInt16(truncatingIfNeeded: number) }
        guard let proto, [IPProtocol.tcp, .udp, .sctp].contains(proto), !text.isEmpty else { return nil }
        return resolver.port(ofService: text, protocol: proto)
    }
}
