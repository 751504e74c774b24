/// One line of the kernel's connection table, `/proc/net/ip_vs_conn`.
public struct ConnectionEntry: Hashable, Sendable {
    /// As the kernel prints it: `TCP`, `UDP`, `SCTP`, `IP`.
    public var protocolName: String
    public var client: IPAddress
    public var clientPort: UInt16
    public var virtual: IPAddress
    public var virtualPort: UInt16
    public var destination: IPAddress
    public var destinationPort: UInt16
    /// `ESTABLISHED`, `SYN_RECV`, `NONE` (a persistence template), ...
    public var state: String
    /// Seconds until the entry expires.
    public var expires: UInt32
    /// Persistence engine name and data, present only for connections of a service with one.
    public var persistenceEngine: String?
    public var persistenceData: String?

    public init(
        protocolName: String, client: IPAddress, clientPort: UInt16, virtual: IPAddress, virtualPort: UInt16,
        destination: IPAddress, destinationPort: UInt16, state: String, expires: UInt32,
        persistenceEngine: String? = nil, persistenceData: String? = nil
    ) {
        self.protocolName = protocolName
        self.client = client
        self.clientPort = clientPort
        self.virtual = virtual
        self.virtualPort = virtualPort
        self.destination = destination
        self.destinationPort = destinationPort
        self.state = state
        self.expires = expires
        self.persistenceEngine = persistenceEngine
        self.persistenceData = persistenceData
    }

    /// Parses one data line (not the title line). The kernel writes IPv4 addresses as eight
    /// hex digits and IPv6 ones in full colon form; ports are four hex digits.
    public init?(procLine line: some StringProtocol) {
        let f = Substring(line).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard f.count >= 9,
            let caddr = Self.address(f[1]), let cport = UInt16(f[2], radix: 16),
            let vaddr = Self.address(f[3]), let vport = UInt16(f[4], radix: 16),
            let daddr = Self.address(f[5]), let dport = UInt16(f[6], radix: 16),
            let expires = UInt32(f[8])
        else { return nil }
        self.init(
            protocolName: String(f[0]), client: caddr, clientPort: cport, virtual: vaddr, virtualPort: vport,
            destination: daddr, destinationPort: dport, state: String(f[7]), expires: expires,
            persistenceEngine: f.count > 9 ? String(f[9]) : nil, persistenceData: f.count > 10 ? String(f[10]) : nil)
    }

    static func address(_ text: Substring) -> IPAddress? {
        if text.count == 8, let v = UInt32(text, radix: 16) { return .v4(IPv4Address(v)) }
        if let v6 = IPv6Address(text) { return .v6(v6) }
        return IPAddress(text)
    }

    /// Parses the whole file: the title line first, then one entry per line; lines that do
    /// not parse are skipped.
    public static func parseTable(_ text: String) -> [ConnectionEntry] {
        text.split(separator: "\n").dropFirst().compactMap { ConnectionEntry(procLine: $0) }
    }
}
