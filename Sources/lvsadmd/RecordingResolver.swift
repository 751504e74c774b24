import IPVSKit
import LVSCommandLine
import Synchronization

/// The system's resolver, remembering every name it was asked to resolve while a file was
/// read and what each gave, so that a later read of the same bytes can tell whether the
/// names still mean what they meant.
final class RecordingResolver: NameResolver {
    struct Answers: Equatable, Sendable {
        var hosts: [String: IPv4Address?] = [:]
        var services: [ServiceKey: UInt16?] = [:]
    }
    struct ServiceKey: Hashable, Sendable {
        var name: String
        var proto: IPProtocol
    }

    private let system = SystemNameResolver()
    private let recorded = Mutex(Answers())

    var answers: Answers { recorded.withLock { $0 } }

    func ipv4Address(ofHost name: String) -> IPv4Address? {
        let address = system.ipv4Address(ofHost: name)
        recorded.withLock { $0.hosts[name] = .some(address) }
        return address
    }

    func port(ofService name: String, protocol proto: IPProtocol) -> UInt16? {
        let port = system.port(ofService: name, protocol: proto)
        recorded.withLock { $0.services[ServiceKey(name: name, proto: proto)] = .some(port) }
        return port
    }

    func hostName(of address: IPAddress) -> String? { system.hostName(of: address) }
    func serviceName(ofPort port: UInt16, protocol proto: IPProtocol) -> String? {
        system.serviceName(ofPort: port, protocol: proto)
    }

    /// What the same questions answer now.
    static func askedAgain(_ answers: Answers) -> Answers {
        let system = SystemNameResolver()
        var now = Answers()
        for name in answers.hosts.keys { now.hosts[name] = .some(system.ipv4Address(ofHost: name)) }
        for key in answers.services.keys {
            now.services[key] = .some(system.port(ofService: key.name, protocol: key.proto))
        }
        return now
    }
}
