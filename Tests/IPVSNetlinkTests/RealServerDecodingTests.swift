import IPVSKit
import Testing

@testable import IPVSNetlink

/// NEW_DEST messages of a GET_DEST dump.
@Suite struct RealServerDecodingTests {
    typealias S = IPVSSchema

    private func dest(
        family: UInt16?, address: IPAddress, tunnel: Bool, _ stats: (MessageBuilder) -> Void
    ) -> [UInt8] {
        Reply.message(.newDest) { m in
            m.nest(S.Command.dest) {
                m.put(S.Dest.addr, bytes: address.kernelBytes)
                m.put(S.Dest.port, u16: UInt16(8080).bigEndian)
                m.put(S.Dest.fwdMethod, u32: tunnel ? 2 : 0)
                m.put(S.Dest.weight, u32: 5)
                m.put(S.Dest.upperThreshold, u32: 1000)
                m.put(S.Dest.lowerThreshold, u32: 10)
                m.put(S.Dest.activeConns, u32: 11)
                m.put(S.Dest.inactiveConns, u32: 12)
                m.put(S.Dest.persistConns, u32: 13)
                if let family { m.put(S.Dest.addrFamily, u16: family) }
                if tunnel {
                    m.put(S.Dest.tunType, u8: 1)
                    m.put(S.Dest.tunPort, u16: UInt16(6080).bigEndian)
                    m.put(S.Dest.tunFlags, u16: 2)
                }
                stats(m)
            }
        }
    }

    @Test func ipv6ServerOfAnIPv4ServiceWithTunnelAndFullWidthStats() throws {
        let bytes = dest(family: 10, address: v6("2001:db8::7"), tunnel: true) { m in
            Reply.stats32(m, S.Dest.stats, base: 1)
            Reply.stats64(m, S.Dest.stats64, base: 5 << 32)
        }
        let entry = try IPVSReplies.decode(bytes) { m throws(MalformedReply) in
            try IPVSReplies.realServer(m, serviceFamily: .inet)
        }
        #expect(
            entry.server
                == RealServer(
                    address: v6("2001:db8::7"), port: 8080, forwarding: .tunnel, weight: 5, upperThreshold: 1000,
                    lowerThreshold: 10, tunnelType: .gue, tunnelPort: 6080, tunnelFlags: .remoteChecksum))
        #expect(entry.connections == ConnectionCounts(active: 11, inactive: 12, persistent: 13))
        // ipvsadm reads these with its 32-bit reader; the model keeps all 64 bits.
        #expect(entry.statistics.connections == 5 << 32)
        #expect(entry.statistics.inPackets == (5 << 32) + 1)
        #expect(entry.statistics.is64Bit)
        // A listing that shows no counters leaves them unread.
        let bare = try IPVSReplies.decode(bytes) { m throws(MalformedReply) in
            try IPVSReplies.realServer(m, serviceFamily: .inet, statistics: false)
        }
        #expect(bare.server == entry.server && bare.connections == entry.connections)
        #expect(bare.statistics == Statistics())
    }

    /// Before 3.18 there is no ADDR_FAMILY, before 5.2 no TUN_*: the service's family and
    /// zeros stand in.
    @Test func oldKernelWithoutFamilyOrTunnel() throws {
        let bytes = dest(family: nil, address: v6("fe80::1"), tunnel: false) { m in
            Reply.stats32(m, S.Dest.stats, base: 40)
        }
        let entry = try IPVSReplies.decode(bytes) { m throws(MalformedReply) in
            try IPVSReplies.realServer(m, serviceFamily: .inet6)
        }
        #expect(entry.server.address == v6("fe80::1"))
        #expect(entry.server.forwarding == ForwardingMethod.masquerade)
        #expect(
            entry.server.tunnelType == TunnelType.ipip && entry.server.tunnelPort == 0 && entry.server.tunnelFlags == []
        )
        #expect(!entry.statistics.is64Bit && entry.statistics.connections == 40)
    }

    @Test func missingConnectionCountIsMalformed() {
        let bytes = Reply.message(.newDest) { m in
            m.nest(S.Command.dest) {
                m.put(S.Dest.addr, bytes: v4("10.0.0.2").kernelBytes)
                m.put(S.Dest.port, u16: 0)
                m.put(S.Dest.fwdMethod, u32: 3)
                m.put(S.Dest.weight, u32: 1)
                m.put(S.Dest.upperThreshold, u32: 0)
                m.put(S.Dest.lowerThreshold, u32: 0)
            }
        }
        #expect(throws: MalformedReply.self) {
            try IPVSReplies.decode(bytes) { m throws(MalformedReply) in
                try IPVSReplies.realServer(m, serviceFamily: .inet)
            }
        }
    }
}
