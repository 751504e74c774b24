import IPVSKit
import LVSCommandLine

/// Names answered from a fixed table: the targets must not wait on DNS, and a finding
/// must reproduce on any machine.
struct FixedResolver: NameResolver {
    func ipv4Address(ofHost name: String) -> IPv4Address? {
        switch name {
        case "localhost": IPv4Address(127, 0, 0, 1)
        case "web": IPv4Address(10, 0, 0, 1)
        default: nil
        }
    }

    func port(ofService name: String, protocol: IPProtocol) -> UInt16? {
        switch name {
        case "http": 80
        case "domain": 53
        default: nil
        }
    }

    func hostName(of address: IPAddress) -> String? {
        address == .v4(IPv4Address(127, 0, 0, 1)) ? "localhost" : nil
    }

    func serviceName(ofPort port: UInt16, protocol: IPProtocol) -> String? {
        port == 80 ? "http" : nil
    }
}
