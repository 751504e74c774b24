import IPVSKit

/// The two line shapes `-S -n` prints for nearly every rule, read straight from a line's
/// bytes:
///
///     -A -t|-u a.b.c.d:port -s scheduler [-p timeout]
///     -a -t|-u a.b.c.d:port -r a.b.c.d:port -g|-m|-i -w weight
///
/// with single spaces, plain decimal numbers and a scheduler name of lower-case letters,
/// digits and `_`. Anything else (another option, another spacing, a name, IPv6, a value
/// out of range) is nil and goes through the tokenizer and `CommandLineParser`, which
/// also gives every message. For the lines it takes, the command is the one the parser
/// makes: the values it cannot read from the line (flags, netmask, thresholds, tunnel
/// options) come from templates the parser itself made, and a unit test compares both
/// ways on generated lines. Without it, apply of an unchanged 12,000-line state would spend
/// most of its time tokenizing and parsing; `-S -n`, which it is measured against, does
/// neither (Docs/performance.md).
/// A class: its templates are a few hundred bytes, which a struct would copy per line.
package final class SaveLineFastPath {
    /// What a line it takes says; a value of its own rather than a `Command`, whose
    /// copies (a large enum of many payloads) would cost more than the reading.
    package enum SaveLine: Equatable {
        case service(VirtualService)
        case realServer(RealServer, service: ServiceID)

        package var command: Command {
            switch self {
            case .service(let service): .addService(service)
            case .realServer(let server, let id): .addRealServer(server, service: id)
            }
        }
    }

    /// Stored fields, not dictionaries: no key is hashed per line.
    private struct Templates {
        var service: VirtualService
        var persistent: VirtualService
        var directRoute: RealServer
        var masquerade: RealServer
        var tunnel: RealServer

        func server(_ method: ForwardingMethod) -> RealServer {
            switch method {
            case .masquerade: masquerade
            case .tunnel: tunnel
            default: directRoute
            }
        }
    }

    private let tcp: Templates
    private let udp: Templates

    /// nil if the parser refuses a template line, which it never should: then every line
    /// takes the general way.
    package init?(parser: CommandLineParser) {
        func templates(_ option: String) -> Templates? {
            guard case .addService(let service)? = try? parser.parse(["-A", option, "1.2.3.4:80", "-s", "wlc"]),
                case .addService(let persistent)? = try? parser.parse([
                    "-A", option, "1.2.3.4:80", "-s", "wlc", "-p", "1",
                ])
            else { return nil }
            func server(_ flag: String) -> RealServer? {
                guard
                    case .addRealServer(let server, _)? = try? parser.parse(
                        ["-a", option, "1.2.3.4:80", "-r", "5.6.7.8:90", flag, "-w", "1"])
                else { return nil }
                return server
            }
            guard let directRoute = server("-g"), let masquerade = server("-m"), let tunnel = server("-i") else {
                return nil
            }
            return Templates(
                service: service, persistent: persistent, directRoute: directRoute, masquerade: masquerade,
                tunnel: tunnel)
        }
        guard let tcp = templates("-t"), let udp = templates("-u") else { return nil }
        self.tcp = tcp
        self.udp = udp
    }

    /// What one line (without its LF) says, or nil to take the general way.
    package func read(_ line: UnsafeBufferPointer<UInt8>) -> SaveLine? {
        var fields = Fields(line)
        guard let command = fields.next(), let protocolSwitch = fields.next(), let serviceText = fields.next(),
            let proto = Self.serviceProtocol(protocolSwitch),
            let service = EndpointText.plainIPv4(bytes: UnsafeBufferPointer(rebasing: serviceText)),
            let servicePort = service.port
        else { return nil }
        let id = ServiceID.address(proto, service.address, port: servicePort)
        if Self.isSwitch(command, "A") {
            guard let schedulerSwitch = fields.next(), Self.isSwitch(schedulerSwitch, "s"), let name = fields.next(),
                let scheduler = Self.schedulerName(name)
            else { return nil }
            var result: VirtualService
            if let persistence = fields.next() {
                guard Self.isSwitch(persistence, "p"), let value = fields.next(),
                    let timeout = Self.number(value, in: 1...2_678_400), fields.isAtEnd
                else { return nil }
                result = proto == .tcp ? tcp.persistent : udp.persistent
                result.timeout = timeout
            } else {
                // nil from `next` is also a malformed rest (two spaces): only the end is fine.
                guard fields.isAtEnd, servicePort != 0 else { return nil }  // port 0: the parser's message
                result = proto == .tcp ? tcp.service : udp.service
            }
            result.id = id
            result.scheduler = scheduler
            return .service(result)
        }
        guard Self.isSwitch(command, "a"), let serverSwitch = fields.next(), Self.isSwitch(serverSwitch, "r"),
            let serverText = fields.next(),
            let endpoint = EndpointText.plainIPv4(bytes: UnsafeBufferPointer(rebasing: serverText)),
            let port = endpoint.port, let methodSwitch = fields.next(), let method = Self.method(methodSwitch),
            let weightSwitch = fields.next(), Self.isSwitch(weightSwitch, "w"),
            let weightText = fields.next(), let weight = Self.number(weightText, in: 0...UInt32(Int32.max)),
            fields.isAtEnd
        else { return nil }
        // One template taken, not the set: copying all five per line would be a memcpy each.
        var server = proto == .tcp ? tcp.server(method) : udp.server(method)
        server.address = endpoint.address
        // Direct routing and tunnelling cannot change the port: the server takes the service's.
        server.port = method == .masquerade ? port : servicePort
        server.weight = weight
        return .realServer(server, service: id)
    }

    /// The fields of a line split at single spaces; a field is never empty, so a line with
    /// any other spacing has an empty one and is refused.
    private struct Fields {
        let line: UnsafeBufferPointer<UInt8>
        var position = 0
        init(_ line: UnsafeBufferPointer<UInt8>) { self.line = line }

        var isAtEnd: Bool { position >= line.count }

        mutating func next() -> Slice<UnsafeBufferPointer<UInt8>>? {
            guard position < line.count else { return nil }
            var end = position
            while end < line.count, line[end] != UInt8(ascii: " ") { end += 1 }
            guard end > position, end + 1 != line.count else { return nil }  // empty field, trailing space
            defer { position = end + 1 }
            return line[position..<end]
        }
    }

    private static func isSwitch(_ field: Slice<UnsafeBufferPointer<UInt8>>, _ letter: Unicode.Scalar) -> Bool {
        field.count == 2 && field.first == UInt8(ascii: "-") && field.last == UInt8(ascii: letter)
    }

    private static func serviceProtocol(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> IPProtocol? {
        if isSwitch(field, "t") { return .tcp }
        if isSwitch(field, "u") { return .udp }
        return nil
    }

    private static func method(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> ForwardingMethod? {
        if isSwitch(field, "m") { return .masquerade }
        if isSwitch(field, "g") { return .directRoute }
        if isSwitch(field, "i") { return .tunnel }
        return nil
    }

    /// At most 15 bytes, the most ipvsadm keeps, so no name is cut here.
    private static func schedulerName(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        guard field.count <= 15,
            field.allSatisfy({ (0x61...0x7a).contains($0) || NumberText.isDigit($0) || $0 == UInt8(ascii: "_") })
        else { return nil }
        return String(decoding: field, as: UTF8.self)
    }

    /// Plain decimal: digits only, no leading zero but in "0" itself, at most 10 digits.
    private static func number(_ field: Slice<UnsafeBufferPointer<UInt8>>, in range: ClosedRange<UInt32>) -> UInt32? {
        guard field.count <= 10, field.first != UInt8(ascii: "0") || field.count == 1 else { return nil }
        var value: UInt64 = 0
        for byte in field {
            guard NumberText.isDigit(byte) else { return nil }
            value = value * 10 + UInt64(byte &- 0x30)
        }
        guard value >= range.lowerBound, value <= range.upperBound else { return nil }
        return UInt32(value)
    }
}
