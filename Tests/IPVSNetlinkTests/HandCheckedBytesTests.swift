import IPVSKit
import IPVSNetlink
import Testing

/// A few messages checked byte by byte against the kernel's layout, by hand, so the
/// golden files themselves are known right (netlink is host order, x86/arm little-endian,
/// except where `ip_vs_ctl.c` reads `nla_get_be16/be32`).
@Suite struct HandCheckedBytesTests {
    /// `-A -t 10.0.0.1:80 -s wlc`.
    @Test func addTCPService() throws {
        let bytes = try IPVSMessages.encode(
            .addService(VirtualService(id: tcp80, scheduler: "wlc")), familyID: goldenFamilyID)
        let expected: [UInt8] = [
            // struct nlmsghdr: len 104, type = family 0x1c, flags REQUEST|ACK, seq 0, pid 0
            0x68, 0, 0, 0, 0x1c, 0, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            // struct genlmsghdr: cmd IPVS_CMD_NEW_SERVICE (1), version 1, reserved
            1, 1, 0, 0,
            // IPVS_CMD_ATTR_SERVICE (1) with NLA_F_NESTED (0x8000, libnl sets it), nest of 84 bytes
            0x54, 0, 0x01, 0x80,
            // IPVS_SVC_ATTR_AF (1) u16 = AF_INET 2, padded to 8
            6, 0, 1, 0, 2, 0, 0, 0,
            // IPVS_SVC_ATTR_PROTOCOL (2) u16 = IPPROTO_TCP 6
            6, 0, 2, 0, 6, 0, 0, 0,
            // IPVS_SVC_ATTR_ADDR (3): union nf_inet_addr, 10.0.0.1 in the first four bytes
            20, 0, 3, 0, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            // IPVS_SVC_ATTR_PORT (4): __be16, so 80 is 00 50
            6, 0, 4, 0, 0x00, 0x50, 0, 0,
            // IPVS_SVC_ATTR_SCHED_NAME (6): "wlc" and its NUL
            8, 0, 6, 0, 0x77, 0x6c, 0x63, 0,
            // IPVS_SVC_ATTR_FLAGS (7): struct ip_vs_flags { flags 0, mask 0xffffffff }
            12, 0, 7, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,
            // IPVS_SVC_ATTR_TIMEOUT (8) u32 = 0
            8, 0, 8, 0, 0, 0, 0, 0,
            // IPVS_SVC_ATTR_NETMASK (9): __be32 255.255.255.255
            8, 0, 9, 0, 0xff, 0xff, 0xff, 0xff,
        ]
        #expect(bytes == expected)
    }

    /// `-a -t 10.0.0.1:80 -r 172.16.0.10:80 -i --tun-type gue --tun-port 6080 --tun-nocsum` style
    /// checks of the dest nest's byte orders.
    @Test func gueRealServerByteOrders() throws {
        let server = RealServer(
            address: v4("172.16.0.10"), port: 8080, forwarding: .tunnel, weight: 2, tunnelType: .gue,
            tunnelPort: 6080, tunnelFlags: .remoteChecksum)
        let bytes = try IPVSMessages.encode(.addRealServer(server, service: tcp80), familyID: goldenFamilyID)
        // Header 20 + service nest (4 + AF 8 + PROTOCOL 8 + ADDR 20 + PORT 8 = 48) = 68.
        try #require(bytes.count == 68 + 96)
        let dest = Array(bytes[68...])
        #expect(dest[0..<4] == [0x60, 0, 2, 0x80])  // IPVS_CMD_ATTR_DEST | NLA_F_NESTED, 96 bytes
        #expect(dest[4..<12] == [6, 0, 11, 0, 2, 0, 0, 0])  // ADDR_FAMILY u16 AF_INET
        let address: [UInt8] = [20, 0, 1, 0, 172, 16, 0, 10] + [UInt8](repeating: 0, count: 12)
        #expect(Array(dest[12..<32]) == address)  // ADDR
        #expect(dest[32..<40] == [6, 0, 2, 0, 0x1f, 0x90, 0, 0])  // PORT __be16 8080 = 1f 90
        #expect(dest[40..<48] == [8, 0, 3, 0, 2, 0, 0, 0])  // FWD_METHOD IP_VS_CONN_F_TUNNEL
        #expect(dest[48..<56] == [8, 0, 4, 0, 2, 0, 0, 0])  // WEIGHT 2
        #expect(dest[56..<64] == [8, 0, 5, 0, 0, 0, 0, 0])  // U_THRESH
        #expect(dest[64..<72] == [8, 0, 6, 0, 0, 0, 0, 0])  // L_THRESH
        #expect(dest[72..<80] == [5, 0, 13, 0, 1, 0, 0, 0])  // TUN_TYPE u8 GUE, padded
        #expect(dest[80..<88] == [6, 0, 14, 0, 0x17, 0xc0, 0, 0])  // TUN_PORT __be16 6080 = 17 c0
        #expect(dest[88..<96] == [6, 0, 15, 0, 2, 0, 0, 0])  // TUN_FLAGS u16 REMCSUM, host order
    }

    /// The daemon's group is __be32 but its port host order (`nla_get_u16`, then htons in
    /// the kernel), and an IPv6 persistence netmask is a plain prefix length.
    @Test func daemonAndNetmaskByteOrders() throws {
        let daemon = SyncDaemon(
            state: .backup, multicastInterface: "eth1", syncID: 7, group: v4("224.0.0.81"), port: 8848)
        let bytes = try IPVSMessages.encode(.startDaemon(daemon), familyID: goldenFamilyID)
        // After header 20, nest 4, STATE 8, MCAST_IFN "eth1\0" 12, SYNC_ID 8: the group.
        try #require(bytes.count == 68)
        #expect(bytes[52..<60] == [8, 0, 5, 0, 224, 0, 0, 81])
        #expect(bytes[60..<68] == [6, 0, 7, 0, 0x90, 0x22, 0, 0])  // 8848 = 0x2290, little-endian

        let service = VirtualService(
            id: udp53v6, scheduler: "sh", flags: .persistent, timeout: 600, netmask: .ipv6(prefixLength: 64))
        let v6bytes = try IPVSMessages.encode(.addService(service), familyID: goldenFamilyID)
        #expect(Array(v6bytes.suffix(8)) == [8, 0, 9, 0, 64, 0, 0, 0])  // NETMASK 64
        let masked = VirtualService(id: tcp80, netmask: .ipv4(IPv4Address(255, 255, 240, 0)))
        let v4bytes = try IPVSMessages.encode(.addService(masked), familyID: goldenFamilyID)
        #expect(Array(v4bytes.suffix(8)) == [8, 0, 9, 0, 255, 255, 240, 0])
    }
}
