import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

@Suite struct UnmanagedTests {
    /// Whatever happens to the managed service, the other one is never in a request.
    @Test func servicesNotConfiguredAreNeverWritten() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.kernel.edit {
            $0.services[1].realServers[0].weight = 9
            $0.services.append(TableService(VirtualService(id: tcp(201, 80), scheduler: "rr")))
        }
        bench.feed(timeout, 3, to: 11)
        bench.director.reconcile(cause: .health)
        bench.director.reconcile(cause: .drift)
        _ = try bench.director.setMaintenance(.host(v4(10, 0, 0, 12)), on: true)
        bench.director.reload(try config(webConfig + mailLines))
        bench.director.reload(try config(mailLines))
        bench.director.stop()
        let touched = Set(bench.kernel.batches.joined().compactMap(\.serviceID))
        #expect(!touched.isEmpty)
        #expect(touched.isSubset(of: [web, mail]))
        #expect(bench.kernel.table.weight(of: RealServerID(address: v4(10, 0, 0, 21), port: 80), in: tcp(200, 80)) == 9)
        #expect(bench.kernel.table.service(tcp(201, 80)) != nil)
    }
}

extension IPVSRequest {
    var serviceID: ServiceID? {
        switch self {
        case .addService(let s), .editService(let s): s.id
        case .deleteService(let id), .addRealServer(_, let id), .editRealServer(_, let id),
            .deleteRealServer(_, let id):
            id
        default: nil
        }
    }
}
