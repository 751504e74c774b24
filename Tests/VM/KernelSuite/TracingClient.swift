import Glibc
import IPVSKit

/// Wraps a client and writes every call to stderr before making it, so a check that hangs
/// in the kernel exchange shows where (`LVSADM_SUITE_TRACE=1`).
final class TracingClient: IPVSClient {
    private let base: IPVSClient
    init(_ base: IPVSClient) { self.base = base }

    private func trace<T>(_ what: String, _ call: () throws -> T) rethrows -> T {
        let line = "trace: \(what)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        return try call()
    }

    func info() throws -> IPVSInfo { try trace("info") { try base.info() } }
    func services(statistics: Bool) throws -> [ServiceEntry] {
        try trace("services") { try base.services(statistics: statistics) }
    }
    func serviceIDs() throws -> [ServiceID] { try trace("serviceIDs") { try base.serviceIDs() } }
    func service(_ id: ServiceID) throws -> ServiceEntry { try trace("service \(id)") { try base.service(id) } }
    func realServerDump(of service: ServiceID, statistics: Bool) throws -> DumpRead<RealServerEntry> {
        try trace("realServers \(service)") { try base.realServerDump(of: service, statistics: statistics) }
    }
    func timeouts() throws -> Timeouts { try trace("timeouts") { try base.timeouts() } }
    func daemons() throws -> [SyncDaemon] { try trace("daemons") { try base.daemons() } }
    func connections() throws -> [ConnectionEntry] { try trace("connections") { try base.connections() } }
    func perform(_ requests: [IPVSRequest]) throws -> [IPVSError?] {
        try trace("perform \(requests.count == 1 ? "\(requests[0])" : "\(requests.count) requests")") {
            try base.perform(requests)
        }
    }
}
