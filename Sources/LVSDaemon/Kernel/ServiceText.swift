import IPVSKit
import LVSCommandLine

/// Services and real servers as ipvsadm writes them (`-t 10.0.0.100:80`, `-f 42 -6`,
/// `10.0.0.11:80`): the words the state file, the control socket and the log lines use, so
/// an operator types what `lvsadm -S -n` shows.
public enum ServiceText {
    /// `-t 10.0.0.100:80`: the service option of the `-D` line that names it.
    public static func options(_ id: ServiceID) -> String {
        let line = ChangeFormat.line(.deleteService(id), resolver: NumericOnly())
        return String(line.dropFirst("-D ".count).dropLast())
    }

    /// Reads service options (`-t ADDRESS:PORT`, `-u`, `--sctp-service`, `-f MARK [-6]`) as
    /// a `-D` line would, with ipvsadm's own messages.
    public static func service(_ words: [String], resolver: any NameResolver = NumericOnly()) throws(TextError)
        -> ServiceID
    {
        let parser = CommandLineParser(programName: "lvsadmd", resolver: resolver)
        let command: Command
        do {
            command = try parser.parse(["-D"] + words)
        } catch {
            throw TextError("\(words.joined(separator: " ")): \(error)")
        }
        guard case .deleteService(let id) = command else {
            throw TextError("not a service: \(words.joined(separator: " "))")
        }
        return id
    }

    /// `ADDRESS` or `ADDRESS:PORT` (`[IPv6]:PORT`); the port is nil when not given.
    public static func server(_ text: String, resolver: any NameResolver = NumericOnly()) throws(TextError) -> (
        IPAddress, UInt16?
    ) {
        guard let endpoint = EndpointText.general(text, protocol: nil, resolver: resolver) else {
            throw TextError("not an address or ADDRESS:PORT: \(text)")
        }
        return (endpoint.address, endpoint.port)
    }
}

/// A text lvsadmd could not read, in words for the operator.
public struct TextError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Resolves no names: what lvsadmd writes and reads back is numeric, and a name in the
/// state file must not depend on DNS at start.
public struct NumericOnly: NameResolver {
    public init() {}
    public func ipv4Address(ofHost name: String) -> IPv4Address? { nil }
    public func port(ofService name: String, protocol: IPProtocol) -> UInt16? { nil }
    public func hostName(of address: IPAddress) -> String? { nil }
    public func serviceName(ofPort port: UInt16, protocol: IPProtocol) -> String? { nil }
}
