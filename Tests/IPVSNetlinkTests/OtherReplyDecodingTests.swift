import IPVSKit
import Testing

@testable import IPVSNetlink

/// Daemons, info and timeouts replies.
@Suite struct OtherReplyDecodingTests {
    typealias S = IPVSSchema

    @Test func daemonWithIPv4Group() throws {
        let bytes = Reply.message(.newDaemon) { m in
            m.nest(S.Command.daemon) {
                m.put(S.Daemon.state, u32: 1)
                m.put(S.Daemon.mcastIfn, string: "eth0")
                m.put(S.Daemon.syncID, u32: 9)
                m.put(S.Daemon.syncMaxLen, u16: 1472)
                m.put(S.Daemon.mcastPort, u16: 8848)
                m.put(S.Daemon.mcastTTL, u8: 1)
                m.put(S.Daemon.mcastGroup, bytes: [224, 0, 0, 81])  // nla_put_in_addr: __be32
            }
        }
        #expect(
            try IPVSReplies.decode(bytes, IPVSReplies.daemon)
                == SyncDaemon(
                    state: .master, multicastInterface: "eth0", syncID: 9, maxLength: 1472, group: v4("224.0.0.81"),
                    port: 8848, ttl: 1))
    }

    @Test func daemonWithIPv6Group() throws {
        let bytes = Reply.message(.newDaemon) { m in
            m.nest(S.Command.daemon) {
                m.put(S.Daemon.state, u32: 2)
                m.put(S.Daemon.mcastIfn, string: "bond0")
                m.put(S.Daemon.syncID, u32: 0)
                m.put(S.Daemon.syncMaxLen, u16: 1200)
                m.put(S.Daemon.mcastPort, u16: 9000)
                m.put(S.Daemon.mcastTTL, u8: 16)
                m.put(S.Daemon.mcastGroup6, bytes: v6("ff02::1:81").kernelBytes)
            }
        }
        let daemon = try IPVSReplies.decode(bytes, IPVSReplies.daemon)
        #expect(daemon.state == .backup && daemon.group == v6("ff02::1:81") && daemon.ttl == 16)
    }

    @Test func info() throws {
        let bytes = Reply.message(.setInfo) { m in
            m.put(S.Info.version, u32: 0x010201)
            m.put(S.Info.connTabSize, u32: 4096)
        }
        #expect(
            try IPVSReplies.decode(bytes, IPVSReplies.info) == IPVSInfo(version: 0x010201, connectionTableSize: 4096))
    }

    @Test func timeoutsWithAProtocolCompiledOut() throws {
        let bytes = Reply.message(.setConfig) { m in
            m.put(S.Command.timeoutTCP, u32: 900)
            m.put(S.Command.timeoutTCPFin, u32: 120)
        }
        #expect(try IPVSReplies.decode(bytes, IPVSReplies.timeouts) == Timeouts(tcp: 900, tcpFin: 120, udp: 0))
    }

    /// A GET_SERVICE reply written out by hand in the kernel's own layout (including the
    /// STATS_ATTR_PAD that `nla_put_u64_64bit` adds, which libnl's builder never does).
    @Test func handWrittenKernelReply() throws {
        let pad: [UInt8] = [4, 0, 11, 0]  // IPVS_STATS_ATTR_PAD, empty
        func u32(_ type: UInt8, _ v: UInt8) -> [UInt8] { [8, 0, type, 0, v, 0, 0, 0] }
        func u64(_ type: UInt8, _ v: UInt8) -> [UInt8] { [12, 0, type, 0, v, 0, 0, 0, 0, 0, 0, 0] }
        let stats: [UInt8] =
            u32(1, 1) + u32(2, 2) + u32(3, 3) + pad + u64(4, 4) + pad + u64(5, 5)
            + u32(6, 6) + u32(7, 7) + u32(8, 8) + u32(9, 9) + u32(10, 10)
        let service: [UInt8] =
            [6, 0, 1, 0, 2, 0, 0, 0]  // AF_INET
            + [6, 0, 2, 0, 17, 0, 0, 0]  // UDP
            + [20, 0, 3, 0, 192, 168, 7, 1] + [UInt8](repeating: 0, count: 12)  // ADDR
            + [6, 0, 4, 0, 0x00, 0x35, 0, 0]  // PORT 53, __be16
            + [8, 0, 6, 0, 0x72, 0x72, 0, 0]  // SCHED_NAME "rr" (+NUL, padded)
            + [12, 0, 7, 0, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]  // FLAGS HASHED / full mask
            + [8, 0, 8, 0, 0, 0, 0, 0]  // TIMEOUT 0
            + [8, 0, 9, 0, 0xff, 0xff, 0xff, 0xff]  // NETMASK
            + [UInt8(4 + stats.count), 0, 10, 0x80] + stats  // STATS, nested
        let body: [UInt8] = [1, 1, 0, 0] + [UInt8(4 + service.count), 0, 1, 0x80] + service
        let length = UInt32(16 + body.count)
        let header = Reply.hostBytes(length) + [0x1c, 0, 0x02, 0] + Reply.hostBytes(5, 4242)  // NLM_F_MULTI
        let entry = try IPVSReplies.decode(header + body, IPVSReplies.service)
        #expect(entry.service == VirtualService(id: .address(.udp, v4("192.168.7.1"), port: 53), scheduler: "rr"))
        #expect(entry.statistics.inBytes == 4 && entry.statistics.outByteRate == 10 && !entry.statistics.is64Bit)
    }
}
