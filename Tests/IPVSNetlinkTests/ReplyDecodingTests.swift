import IPVSKit
import Testing

@testable import IPVSNetlink

/// Replies as the kernel fills them (`ip_vs_genl_fill_*`), decoded into the model.
@Suite struct ReplyDecodingTests {
    typealias S = IPVSSchema

    /// TCP 10.0.0.1:80, wrr, persistent for 300 s, as the kernel fills a service it holds.
    private func putPersistentWRR(_ m: MessageBuilder, netmask: IPv4Address) {
        m.put(S.Service.af, u16: 2)
        m.put(S.Service.protocol, u16: 6)
        m.put(S.Service.addr, bytes: v4("10.0.0.1").kernelBytes)
        m.put(S.Service.port, u16: UInt16(80).bigEndian)
        m.put(S.Service.schedName, string: "wrr")
        // The kernel sets HASHED on every service it holds, with the full mask.
        m.put(S.Service.flags, bytes: Reply.hostBytes(0x0003, 0xffff_ffff))
        m.put(S.Service.timeout, u32: 300)
        m.put(S.Service.netmask, u32: netmask.value.bigEndian)
    }

    @Test func serviceWithStats64AndHashedFlag() throws {
        let bytes = Reply.message(.newService) { m in
            m.nest(S.Command.service) {
                putPersistentWRR(m, netmask: IPv4Address(255, 255, 255, 0))
                Reply.stats32(m, S.Service.stats, base: 7)
                Reply.stats64(m, S.Service.stats64, base: 1 << 33)
            }
        }
        let entry = try IPVSReplies.decode(bytes, IPVSReplies.service)
        let expected = VirtualService(
            id: tcp80, scheduler: "wrr", flags: .persistent, timeout: 300, netmask: .ipv4(IPv4Address(255, 255, 255, 0))
        )
        #expect(entry.service == expected)
        #expect(entry.statistics.is64Bit)
        #expect(entry.statistics.connections == 1 << 33)
        #expect(entry.statistics.outByteRate == (1 << 33) + 9)
    }

    @Test func serviceWithoutStatisticsAndItsIdentityAlone() throws {
        let bytes = Reply.message(.newService) { m in
            m.nest(S.Command.service) {
                putPersistentWRR(m, netmask: IPv4Address(255, 255, 255, 255))
                Reply.stats64(m, S.Service.stats64, base: 1 << 33)
            }
        }
        let full = try IPVSReplies.decode(bytes, IPVSReplies.service)
        let bare = try IPVSReplies.decode(bytes) { message throws(MalformedReply) in
            try IPVSReplies.service(message, statistics: false)
        }
        #expect(bare.service == full.service)
        #expect(bare.statistics == Statistics() && full.statistics.connections == 1 << 33)
        #expect(try IPVSReplies.decode(bytes, IPVSReplies.serviceID) == tcp80)
    }

    @Test func serviceWithOnly32BitStatsOfAnOldKernel() throws {
        let bytes = Reply.message(.newService) { m in
            m.nest(S.Command.service) {
                m.put(S.Service.af, u16: 10)
                m.put(S.Service.fwmark, u32: 7)
                m.put(S.Service.schedName, string: "none")
                m.put(S.Service.flags, bytes: Reply.hostBytes(0x0002 | 0x0001 | 0x0010, 0xffff_ffff))
                m.put(S.Service.timeout, u32: 600)
                m.put(S.Service.netmask, u32: 64)
                m.put(S.Service.peName, string: "sip")
                Reply.stats32(m, S.Service.stats, base: 100)
            }
        }
        let entry = try IPVSReplies.decode(bytes, IPVSReplies.service)
        #expect(entry.service.id == fwmark7v6)
        #expect(entry.service.scheduler == "none")
        #expect(entry.service.flags == [.persistent, .scheduler2])
        #expect(entry.service.netmask == .ipv6(prefixLength: 64))
        #expect(entry.service.persistenceEngine == "sip")
        let stats = entry.statistics
        #expect(!stats.is64Bit)
        #expect([stats.connections, stats.inPackets, stats.outPackets] == [100, 101, 102])
        #expect([stats.inBytes, stats.outBytes] == [(1 << 40) + 103, (1 << 40) + 104])
        #expect(
            [stats.connectionRate, stats.inPacketRate, stats.outPacketRate, stats.inByteRate, stats.outByteRate]
                == [105, 106, 107, 108, 109])
    }

    /// Only `mask` bits count (the kernel sends the full mask, but the layout says so).
    @Test func flagsOutsideTheMaskAreDropped() throws {
        let bytes = Reply.message(.newService) { m in
            m.nest(S.Command.service) {
                m.put(S.Service.af, u16: 2)
                m.put(S.Service.fwmark, u32: 1)
                m.put(S.Service.schedName, string: "rr")
                m.put(S.Service.flags, bytes: Reply.hostBytes(0x0005, 0x0004))
                m.put(S.Service.timeout, u32: 0)
                m.put(S.Service.netmask, u32: UInt32.max)
            }
        }
        let entry = try IPVSReplies.decode(bytes, IPVSReplies.service)
        #expect(entry.service.flags == .onePacket)
        #expect(entry.statistics == Statistics())
    }

    /// Every encoded add/edit decodes back to the same service: the two directions of the
    /// schema agree (requests have all the fields a reply needs, minus statistics).
    @Test(arguments: RequestCase.services)
    func encodedServiceDecodesBack(_ c: RequestCase) throws {
        guard case .addService(let service) = c.request else { return }
        let bytes = try IPVSMessages.encode(c.request, familyID: goldenFamilyID)
        var expected = service
        expected.flags.remove(.hashed)
        #expect(try IPVSReplies.decode(bytes, IPVSReplies.service).service == expected)
    }

    @Test func missingSchedulerIsMalformed() {
        let bytes = Reply.message(.newService) { m in
            m.nest(S.Command.service) {
                m.put(S.Service.af, u16: 2)
                m.put(S.Service.fwmark, u32: 1)
                m.put(S.Service.flags, bytes: Reply.hostBytes(0, 0))
                m.put(S.Service.timeout, u32: 0)
                m.put(S.Service.netmask, u32: 0)
            }
        }
        #expect(throws: MalformedReply.self) { try IPVSReplies.decode(bytes, IPVSReplies.service) }
    }

    @Test func shortAttributesAreRefusedByThePolicy() {
        let bytes = Reply.message(.newService) { m in
            m.nest(S.Command.service) {
                m.put(S.Service.af, u16: 2)
                m.put(S.Service.protocol, u16: 6)
                m.put(S.Service.addr, bytes: [10, 0])  // shorter than any address
                m.put(S.Service.port, u16: 80)
                m.put(S.Service.schedName, string: "rr")
                m.put(S.Service.flags, bytes: [0, 0, 0, 0])  // struct ip_vs_flags is 8 bytes
                m.put(S.Service.timeout, u32: 0)
                m.put(S.Service.netmask, u32: 0)
            }
        }
        #expect(throws: MalformedReply.self) { try IPVSReplies.decode(bytes, IPVSReplies.service) }
    }
}
