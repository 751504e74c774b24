import CNetlink
import Glibc
import IPVSKit

/// Turns requests and queries into complete generic-netlink messages without sending
/// them: sequence number and port are 0, so the bytes depend only on the input and the
/// family id, and tests compare them with golden files.
public enum IPVSMessages {
    /// Changes ask for an acknowledgement, so every outcome, success or errno, comes back
    /// with the request's sequence number.
    static let requestFlags = Int32(NLM_F_REQUEST | NLM_F_ACK)
    /// Dumps end with NLMSG_DONE instead (the kernel acknowledges no dump).
    static let dumpFlags = Int32(NLM_F_REQUEST | NLM_F_DUMP)

    /// The message for one change. Throws only for a message libnl cannot hold.
    public static func encode(_ request: IPVSRequest, familyID: UInt16) throws -> [UInt8] {
        try build(request.command, requestFlags, familyID, request.operation, textBytes: request.textBytes) { m in
            switch request {
            case .addService(let service), .editService(let service):
                IPVSSchema.putService(service.id, service, into: m)
            case .deleteService(let id):
                IPVSSchema.putService(id, nil, into: m)
            case .addRealServer(let server, let service), .editRealServer(let server, let service):
                IPVSSchema.putService(service, nil, into: m)
                IPVSSchema.putDest(server.id, server, into: m)
            case .deleteRealServer(let server, let service):
                IPVSSchema.putService(service, nil, into: m)
                IPVSSchema.putDest(server, nil, into: m)
            case .flush, .zero(nil):
                break  // no attributes: every service
            case .zero(let service?):
                IPVSSchema.putService(service, nil, into: m)
            case .setTimeouts(let timeouts):
                IPVSSchema.putTimeouts(timeouts, into: m)
            case .startDaemon(let daemon):
                IPVSSchema.putDaemon(daemon, into: m)
            case .stopDaemon(let state):
                IPVSSchema.putDaemonState(state, into: m)
            }
        }
    }

    /// The message for one read.
    public static func encode(_ query: IPVSQuery, familyID: UInt16) throws -> [UInt8] {
        let flags = query.isDump ? dumpFlags : requestFlags
        return try build(query.command, flags, familyID, query.operation) { m in
            switch query {
            case .service(let id), .realServers(let id):
                IPVSSchema.putService(id, nil, into: m)
            case .info, .services, .timeouts, .daemons:
                break
            }
        }
    }

    private static func build(
        _ command: IPVSCommand, _ flags: Int32, _ familyID: UInt16, _ operation: IPVSOperation,
        textBytes: Int = 0, _ body: (MessageBuilder) -> Void
    ) throws -> [UInt8] {
        guard let builder = MessageBuilder(familyID: familyID, command: command, flags: flags, textBytes: textBytes)
        else { throw NetlinkFailure.system(ENOMEM, operation, "allocating a message") }
        body(builder)
        guard let bytes = builder.finish() else {
            throw NetlinkFailure.system(EMSGSIZE, operation, "building a message")
        }
        return bytes
    }
}

extension IPVSRequest {
    /// The strings the message will carry, so the message is allocated big enough.
    fileprivate var textBytes: Int {
        switch self {
        case .addService(let s), .editService(let s): s.scheduler.utf8.count + (s.persistenceEngine?.utf8.count ?? 0)
        case .startDaemon(let d): d.multicastInterface.utf8.count
        default: 0
        }
    }
}
