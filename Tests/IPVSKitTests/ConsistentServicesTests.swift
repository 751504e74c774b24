import IPVSKit
import IPVSTesting
import Testing

@Suite struct ConsistentServicesTests {
    let a = VirtualService(id: .firewallMark(1, family: .inet))
    let b = VirtualService(id: .firewallMark(2, family: .inet), scheduler: "rr")
    let absent = ServiceID.firewallMark(3, family: .inet)
    let server = RealServer(address: .v4(IPv4Address(10, 0, 0, 1)), port: 0, forwarding: .masquerade, weight: 1)

    func kernel() -> ScriptedIPVSClient {
        let client = ScriptedIPVSClient()
        client.servicesTable = [ServiceEntry(service: a), ServiceEntry(service: b)]
        client.realServersTable = [b.id: [RealServerEntry(server: server)]]
        return client
    }

    @Test func readsTheNamedServicesInTheOrderGivenAndLeavesOutOnesNotThere() throws {
        let client = kernel()
        let table = try client.consistentServices([b.id, absent, a.id])
        #expect(table == IPVSTable(services: [TableService(b, realServers: [server]), TableService(a)]))
        #expect(!client.reads.contains(.listServices))
    }

    /// Gone once its real servers are read: the kernel answers a dump of a service it does
    /// not have with no real servers, which must not read as a service without any.
    @Test func aServiceRemovedWhileItsRealServersAreReadIsLeftOut() throws {
        let client = kernel()
        let removed = b.id
        client.beforeRead = { [unowned client] operation in
            if operation == .listRealServers { client.servicesTable.removeAll { $0.service.id == removed } }
        }
        #expect(try client.consistentServices([b.id]) == IPVSTable())
    }

    @Test func aMultiPartDumpIsReadUntilTwoReadsAgree() throws {
        let client = kernel()
        client.multiPartRealServerDumps = [b.id]
        #expect(try client.consistentServices([b.id]).services.first?.realServers == [server])
        #expect(client.reads.filter { $0 == .listRealServers }.count == 2)
    }

    @Test func anotherReadErrorIsThrown() {
        let client = kernel()
        client.readErrors[.getService] = Errno.EPERM
        #expect(throws: IPVSError.self) { try client.consistentServices([a.id]) }
    }
}
