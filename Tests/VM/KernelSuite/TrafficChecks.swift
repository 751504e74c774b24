import Glibc
import IPVSKit

/// Counters, zeroing and the connection table need real connections: the suite's own
/// process connects to a VIP on `lo`, and IPVS hands the connection to a Local real server
/// (the director itself), where the same process accepts it.
func registerTrafficChecks(_ suite: Suite) {
    // Each check uses its own port: connection entries of earlier checks outlive a flush.
    func serviceWithTraffic(_ client: IPVSClient, port: UInt16, connections: Int) throws -> ServiceID {
        let vip = tcp("10.9.0.1", port)
        try client.addService(VirtualService(id: vip, scheduler: "rr"))
        try client.addRealServer(RealServer(address: ip("127.0.0.1"), port: port, forwarding: .local), to: vip)
        for _ in 0..<connections { try connectThroughVIP(port: port) }
        return vip
    }

    suite.check("statistics count connections; zero one service") { client in
        let vip = try serviceWithTraffic(client, port: 81, connections: 3)
        // The kernel sums its per-CPU counters every two seconds.
        let stats = try eventually({ try client.service(vip).statistics }, until: { $0.connections == 3 })
        try expectEqual(stats.connections, 3, "service connections")
        try expect(stats.inPackets >= 3 && stats.inBytes > 0, "packets counted: \(stats)")
        try expectEqual(try client.realServers(of: vip).first?.statistics.connections, 3, "real server connections")
        try client.zero(vip)
        try expectEqual(try client.service(vip).statistics.connections, 0, "after zero")
    }

    suite.check("zero all services") { client in
        let vip = try serviceWithTraffic(client, port: 82, connections: 1)
        _ = try eventually({ try client.service(vip).statistics }, until: { $0.connections == 1 })
        try client.zero()
        try expectEqual(try client.services().first?.statistics.connections, 0, "after zero all")
    }

    suite.check("connection counts and the connection table") { client in
        let vip = try serviceWithTraffic(client, port: 83, connections: 2)
        let counts = try client.realServers(of: vip).first?.connections
        try expect(
            (counts?.active ?? 0) + (counts?.inactive ?? 0) >= 2, "active+inactive: \(String(describing: counts))")
        let entries = try client.connections().filter { $0.virtual == ip("10.9.0.1") && $0.virtualPort == 83 }
        try expectEqual(entries.count, 2, "entries for the VIP")
        try expect(
            entries.allSatisfy { $0.protocolName == "TCP" && $0.destinationPort == 83 }, "entry fields: \(entries)")
    }
}

/// Reads a value until it satisfies `condition`, for at most about three seconds.
func eventually<T>(_ read: () throws -> T, until condition: (T) -> Bool) throws -> T {
    var value = try read()
    for _ in 0..<30 where !condition(value) {
        usleep(100_000)
        value = try read()
    }
    return value
}

/// Opens a listener on `port`, connects to the VIP 10.9.0.1 on that port, accepts, sends a
/// byte each way and closes both ends.
func connectThroughVIP(port: UInt16) throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(listener) }
    var one: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var any = sockaddr_in()
    any.sin_family = sa_family_t(AF_INET)
    any.sin_port = port.bigEndian
    guard withSockaddr(&any, { bind(listener, $0, $1) }) == 0, listen(listener, 8) == 0 else {
        throw CheckFailure(description: "listen on :\(port): errno \(errno)")
    }
    let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(client) }
    var target = sockaddr_in()
    target.sin_family = sa_family_t(AF_INET)
    target.sin_port = port.bigEndian
    target.sin_addr.s_addr = UInt32(0x0A09_0001).bigEndian
    guard withSockaddr(&target, { connect(client, $0, $1) }) == 0 else {
        throw CheckFailure(description: "connect to the VIP: errno \(errno)")
    }
    let server = accept(listener, nil, nil)
    guard server >= 0 else { throw CheckFailure(description: "accept: errno \(errno)") }
    defer { close(server) }
    var byte: UInt8 = 42
    _ = write(client, &byte, 1)
    _ = read(server, &byte, 1)
    _ = write(server, &byte, 1)
    _ = read(client, &byte, 1)
}

private func withSockaddr(_ address: inout sockaddr_in, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32
{
    withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
}
