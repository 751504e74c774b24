import CNetlink
import Glibc
import IPVSKit
import Testing

@testable import IPVSNetlink

/// The receive loop on a real socket: every kernel has generic netlink's own controller
/// family (`nlctrl`, id GENL_ID_CTRL), IPVS or not, and its family dump comes in parts.
@Suite struct NetlinkSocketTests {
    /// CTRL_CMD_GETFAMILY as a dump, version 1.
    static func familyDump(sequence: UInt32) -> [UInt8] {
        var header = nlmsghdr()
        header.nlmsg_len = UInt32(MemoryLayout<nlmsghdr>.size + 4)
        header.nlmsg_type = UInt16(GENL_ID_CTRL)
        header.nlmsg_flags = UInt16(NLM_F_REQUEST | NLM_F_DUMP)
        header.nlmsg_seq = sequence
        return withUnsafeBytes(of: header) { Array($0) } + [UInt8(CTRL_CMD_GETFAMILY), 1, 0, 0]
    }

    @Test func aDumpIsReadToItsEndAndItsDatagramsCounted() throws {
        let socket = try NetlinkSocket(familyID: UInt16(GENL_ID_CTRL), receiveBytes: NetlinkSocket.pageReceiveBytes)
        let sequence = socket.nextSequence()
        var families = 0
        let outcomes = try socket.exchange(
            Self.familyDump(sequence: sequence), sequences: [sequence], operation: .listServices
        ) { _ in
            families += 1
        }
        #expect(outcomes == [sequence: 0])
        #expect(families > 1)
        // At least the entries, then NLMSG_DONE on its own.
        #expect(socket.datagramsOfLastExchange >= 2)
    }

    @Test func aDatagramLargerThanTheBufferFailsTheExchange() throws {
        let socket = try NetlinkSocket(familyID: UInt16(GENL_ID_CTRL), receiveBytes: 64)
        let sequence = socket.nextSequence()
        #expect {
            _ = try socket.exchange(
                Self.familyDump(sequence: sequence), sequences: [sequence], operation: .listServices)
        } throws: { error in
            guard let error = error as? IPVSError, case .local = error.origin else { return false }
            return error.errno == EMSGSIZE
        }
    }
}
