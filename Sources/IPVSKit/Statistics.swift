/// Traffic counters and rate estimates of a service or real server.
///
/// Kernels since 4.1 report a 64-bit set (`IPVS_*_ATTR_STATS64`); older ones only the
/// 32-bit set (`IPVS_*_ATTR_STATS`, bytes 64-bit). `is64Bit` says which one these came from.
public struct Statistics: Hashable, Sendable {
    public var connections: UInt64 = 0
    public var inPackets: UInt64 = 0
    public var outPackets: UInt64 = 0
    public var inBytes: UInt64 = 0
    public var outBytes: UInt64 = 0
    /// Connections per second (rate estimate).
    public var connectionRate: UInt64 = 0
    public var inPacketRate: UInt64 = 0
    public var outPacketRate: UInt64 = 0
    /// Bytes per second in.
    public var inByteRate: UInt64 = 0
    public var outByteRate: UInt64 = 0
    public var is64Bit: Bool = true

    public init() {}

    public init(
        connections: UInt64, inPackets: UInt64, outPackets: UInt64, inBytes: UInt64, outBytes: UInt64,
        connectionRate: UInt64, inPacketRate: UInt64, outPacketRate: UInt64, inByteRate: UInt64,
        outByteRate: UInt64, is64Bit: Bool
    ) {
        self.connections = connections
        self.inPackets = inPackets
        self.outPackets = outPackets
        self.inBytes = inBytes
        self.outBytes = outBytes
        self.connectionRate = connectionRate
        self.inPacketRate = inPacketRate
        self.outPacketRate = outPacketRate
        self.inByteRate = inByteRate
        self.outByteRate = outByteRate
        self.is64Bit = is64Bit
    }
}
