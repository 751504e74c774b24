import IPVSKit

/// Seeded random tables for property tests of the planner: TCP services on 10.0.0.1,
/// real servers on 192.168.0.0/16, weights 0 to 3, a few schedulers, persistence now and
/// then.
public enum RandomTables {
    static let schedulers = ["rr", "wrr", "lc", "wlc", "sh"]

    public static func service(port: UInt16, scheduler: String = "wlc") -> VirtualService {
        VirtualService(id: .address(.tcp, .v4(IPv4Address(10, 0, 0, 1)), port: port), scheduler: scheduler)
    }

    public static func server(_ host: UInt16, weight: UInt32 = 1) -> RealServer {
        RealServer(
            address: .v4(IPv4Address(192, 168, UInt8(host >> 8), UInt8(host & 0xFF))), port: 80,
            forwarding: .masquerade, weight: weight)
    }

    /// `services` services on ports drawn from 1...2×services, each with up to four real
    /// servers drawn from eight addresses.
    public static func table(_ random: inout SeededRandom, services: Int) -> IPVSTable {
        var table = IPVSTable()
        for port in (1...UInt16(services * 2)).shuffled(using: &random).prefix(services) {
            var service = service(port: port, scheduler: schedulers.randomElement(using: &random) ?? "rr")
            if Bool.random(using: &random) { persist(&service, &random) }
            let hosts = (1...UInt16(8)).shuffled(using: &random).prefix(Int.random(in: 0...4, using: &random))
            table.services.append(
                TableService(
                    service, realServers: hosts.map { server($0, weight: UInt32.random(in: 0...3, using: &random)) }))
        }
        return table
    }

    /// `table` changed as a reload changes one: services whose real servers are all
    /// replaced, weights changed (to and from 0), a scheduler changed, persistence turned
    /// on or off, services removed and added.
    public static func edited(_ table: IPVSTable, _ random: inout SeededRandom) -> IPVSTable {
        var result = IPVSTable(timeouts: table.timeouts, daemons: table.daemons)
        var nextHost: UInt16 = 256
        func freshServers(_ count: Int, _ random: inout SeededRandom) -> [RealServer] {
            (0..<count).map { _ in
                nextHost += 1
                return server(nextHost, weight: UInt32.random(in: 0...3, using: &random))
            }
        }
        for var entry in table.services {
            switch Int.random(in: 0..<8, using: &random) {
            case 0: continue
            case 1: entry.realServers = freshServers(Int.random(in: 1...4, using: &random), &random)
            case 2:
                for index in entry.realServers.indices {
                    entry.realServers[index].weight = UInt32.random(in: 0...3, using: &random)
                }
            case 3: entry.service.scheduler = schedulers.randomElement(using: &random) ?? "rr"
            case 4:
                if entry.service.flags.contains(.persistent) {
                    entry.service.flags.remove(.persistent)
                    entry.service.timeout = 0
                } else {
                    persist(&entry.service, &random)
                }
            case 5:
                if !entry.realServers.isEmpty { entry.realServers.removeFirst() }
                entry.realServers += freshServers(1, &random)
            default: break
            }
            result.services.append(entry)
        }
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            let port = UInt16.random(in: 5000...6000, using: &random)
            guard !result.services.contains(where: { $0.service.id == service(port: port).id }) else { continue }
            result.services.append(
                TableService(
                    service(port: port), realServers: freshServers(Int.random(in: 0...3, using: &random), &random)))
        }
        return result
    }

    private static func persist(_ service: inout VirtualService, _ random: inout SeededRandom) {
        service.flags.insert(.persistent)
        service.timeout = UInt32.random(in: 1...900, using: &random)
    }
}
