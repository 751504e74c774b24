import IPVSKit
import LVSHealth
import NIOCore

extension RealServerID {
    /// The socket address NIO connects to. IPVSKit's addresses are already validated, so
    /// this only fails on a bug; the caller reports it as the run's failure.
    func socketAddress() throws -> SocketAddress {
        try SocketAddress(ipAddress: address.description, port: Int(port))
    }
}

extension ProbeOutcome {
    /// A run that could not even start: the reason is the error's own text.
    static func notStarted(_ error: any Error) -> ProbeOutcome {
        .failed(.other("probe not started: \(error)"))
    }
}
