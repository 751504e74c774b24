import IPVSKit

/// A numeric address from test text; the suite's literals are all valid.
func ip(_ text: String) -> IPAddress {
    guard let address = IPAddress(text) else { fatalError("bad literal address \(text)") }
    return address
}

func tcp(_ address: String, _ port: UInt16) -> ServiceID { .address(.tcp, ip(address), port: port) }
func udp(_ address: String, _ port: UInt16) -> ServiceID { .address(.udp, ip(address), port: port) }
func sctp(_ address: String, _ port: UInt16) -> ServiceID { .address(.sctp, ip(address), port: port) }

/// Reads one service back and checks that what the kernel kept is what was sent.
func expectStored(_ service: VirtualService, in client: IPVSClient, line: Int = #line) throws {
    let entry = try client.service(service.id)
    try expectEqual(entry.service, service, "service read back", line: line)
    let listed = try client.services().map(\.service)
    try expect(listed.contains(service), "service in the dump: \(listed)", line: line)
}

/// Reads the real servers of a service back, as configuration values.
func storedServers(of id: ServiceID, in client: IPVSClient) throws -> [RealServer] {
    try client.realServers(of: id).map(\.server)
}
