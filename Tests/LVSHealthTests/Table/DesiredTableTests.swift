import IPVSKit
import LVSHealth
import Testing

/// A service of three real servers checked by TCP connect, as a director would have it.
struct Farm {
    static let vip = tcp(v4(203, 0, 113, 10), 80)
    static let addresses = [v4(192, 168, 10, 11), v4(192, 168, 10, 12), v4(192, 168, 10, 13)]
    static let sorryServer = RealServer(address: v4(127, 0, 0, 1), port: 80, forwarding: .masquerade, weight: 1)

    var onFailure = FailureAction.quiesce
    var sorry: SorryServer?
    var initial = InitialHealth.down

    func targets() -> [ProbeTarget] { Self.addresses.map { target($0, 8080, initial: initial) } }

    func servers() -> [ManagedServer] {
        zip(Self.addresses, targets()).map { address, target in
            ManagedServer(
                RealServer(address: address, port: 8080, forwarding: .masquerade, weight: 3), health: .probe(target))
        }
    }

    func configuration() -> HealthConfiguration {
        HealthConfiguration(services: [
            ManagedService(
                service: VirtualService(id: Self.vip, scheduler: "wlc"), servers: servers(), onFailure: onFailure,
                sorry: sorry)
        ])
    }

    /// States with the servers at `up` indices up and the others down.
    func health(up: Set<Int>) -> HealthStates {
        HealthStates(
            byTarget: Dictionary(
                uniqueKeysWithValues: targets().enumerated().map { index, target in
                    (target, TargetHealth(state: up.contains(index) ? .up : .down, since: .origin))
                }))
    }

    func desired(up: Set<Int>, maintenance: Maintenance = Maintenance(), asFound: IPVSTable = IPVSTable())
        -> TableService?
    {
        DesiredTable.services(for: configuration(), health: health(up: up), maintenance: maintenance, asFound: asFound)
            .first
    }
}

func weights(_ service: TableService?) -> [String: UInt32] {
    Dictionary(uniqueKeysWithValues: (service?.realServers ?? []).map { ("\($0.address)", $0.weight) })
}

@Suite struct DesiredTableTests {
    @Test func healthyServersHaveTheirWeightAndFailedOnesAreQuiescedByDefault() {
        let service = Farm().desired(up: [0, 2])
        #expect(service?.service.id == Farm.vip)
        #expect(weights(service) == ["192.168.10.11": 3, "192.168.10.12": 0, "192.168.10.13": 3])
    }

    @Test func removeTakesAFailedServerOut() {
        let service = Farm(onFailure: .remove).desired(up: [0, 2])
        #expect(weights(service) == ["192.168.10.11": 3, "192.168.10.13": 3])
    }

    @Test func maintenanceWinsOverHealth() {
        let drained = Maintenance([.server(RealServerID(address: Farm.addresses[0], port: 8080))])
        #expect(weights(Farm().desired(up: [0, 1, 2], maintenance: drained))["192.168.10.11"] == 0)
        // Even where failure removes: a drain keeps the server, at weight 0.
        #expect(weights(Farm(onFailure: .remove).desired(up: [1, 2], maintenance: drained))["192.168.10.11"] == 0)
        let host = Maintenance([.host(Farm.addresses[1])])
        #expect(
            weights(Farm().desired(up: [0, 1, 2], maintenance: host)) == [
                "192.168.10.11": 3, "192.168.10.12": 0, "192.168.10.13": 3,
            ])
        let elsewhere = Maintenance([
            .serverOfService(RealServerID(address: Farm.addresses[0], port: 8080), tcp(v4(203, 0, 113, 99), 80))
        ])
        #expect(weights(Farm().desired(up: [0, 1, 2], maintenance: elsewhere))["192.168.10.11"] == 3)
    }

    @Test func sorryServerComesBelowQuorumAndGoesWhenEnoughReturn() {
        let farm = Farm(sorry: SorryServer(Farm.sorryServer, quorum: 2))
        #expect(weights(farm.desired(up: [0, 1]))["127.0.0.1"] == nil)
        #expect(weights(farm.desired(up: [0]))["127.0.0.1"] == 1)
        #expect(weights(farm.desired(up: []))["127.0.0.1"] == 1)
        #expect(weights(farm.desired(up: [1, 2]))["127.0.0.1"] == nil)
        // A healthy server in maintenance takes no traffic: it does not count.
        let drained = Maintenance([.host(Farm.addresses[1])])
        #expect(weights(farm.desired(up: [0, 1], maintenance: drained))["127.0.0.1"] == 1)
        #expect(farm.desired(up: [])?.realServers.last == Farm.sorryServer)
    }

    @Test func unknownStateIsTakenAsFound() {
        let farm = Farm(initial: .asFound)
        let found = IPVSTable(services: [
            TableService(
                VirtualService(id: Farm.vip),
                realServers: [
                    RealServer(address: Farm.addresses[0], port: 8080, forwarding: .masquerade, weight: 1),
                    RealServer(address: Farm.addresses[1], port: 8080, forwarding: .masquerade, weight: 0),
                ])
        ])
        let health = HealthStates(targets: farm.targets(), at: .origin)
        let quiesced = DesiredTable.services(
            for: farm.configuration(), health: health, maintenance: Maintenance(), asFound: found)
        #expect(weights(quiesced.first) == ["192.168.10.11": 3, "192.168.10.12": 0, "192.168.10.13": 0])
        var removing = farm
        removing.onFailure = .remove
        let removed = DesiredTable.services(
            for: removing.configuration(), health: health, maintenance: Maintenance(), asFound: found)
        #expect(weights(removed.first) == ["192.168.10.11": 3])
    }

    @Test func oneTargetIsSharedByEveryServiceThatNamesIt() {
        let backend = target(v4(192, 168, 10, 11), 8080, initial: .up)
        let other = target(v4(192, 168, 10, 12), 8080, initial: .up)
        let server = { (address: IPAddress) in
            RealServer(address: address, port: 8080, forwarding: .masquerade, weight: 2)
        }
        let http = ManagedService(
            service: VirtualService(id: tcp(v4(203, 0, 113, 10), 80)),
            servers: [
                ManagedServer(server(backend.address), health: .probe(backend)),
                ManagedServer(server(other.address), health: .probe(other)),
            ])
        let alt = ManagedService(
            service: VirtualService(id: tcp(v4(203, 0, 113, 11), 80)),
            servers: [ManagedServer(server(backend.address), health: .probe(backend))])
        let configuration = HealthConfiguration(services: [http, alt])
        let probes = ProbeTargets(configuration)
        #expect(probes.targets == [backend, other])
        #expect(probes.users(of: backend).map(\.service) == [http.service.id, alt.service.id])
        var health = HealthStates(targets: probes.targets, at: .origin)
        for second in 1...3 { _ = health.record(refused, for: backend, at: .seconds(Double(second))) }
        let services = DesiredTable.services(
            for: configuration, health: health, maintenance: Maintenance(), asFound: IPVSTable())
        #expect(services.map { weights($0)["192.168.10.11"] } == [0, 0])
        #expect(weights(services.first)["192.168.10.12"] == 2)
    }

    @Test func aServerWithoutACheckIsAlwaysHealthy() {
        let server = RealServer(address: v4(192, 168, 10, 11), port: 80, weight: 4)
        let configuration = HealthConfiguration(services: [
            ManagedService(service: VirtualService(id: Farm.vip), servers: [ManagedServer(server)], onFailure: .remove)
        ])
        let services = DesiredTable.services(
            for: configuration, health: HealthStates(byTarget: [:]), maintenance: Maintenance(), asFound: IPVSTable())
        #expect(services.first?.realServers == [server])
    }
}
