import IPVSKit

/// Many requests per system call: each outcome belongs to its own request, and a large
/// batch never overruns the socket.
func registerBatchChecks(_ suite: Suite) {
    suite.check("batch: an error is attributed to the request that caused it") { client in
        var requests = (1...300).map { IPVSRequest.addService(VirtualService(id: tcp("10.3.0.1", UInt16($0)))) }
        requests.insert(.addService(VirtualService(id: tcp("10.3.0.1", 100))), at: 150)
        requests.insert(.deleteService(tcp("10.3.9.9", 1)), at: 10)
        let results = try client.perform(requests)
        try expectEqual(results.count, requests.count, "one result per request")
        for (index, result) in results.enumerated() {
            switch index {
            case 10: try expectEqual(result?.reason, .noSuchService, "result \(index)")
            case 151: try expectEqual(result?.reason, .serviceExists, "result \(index)")
            default: try expect(result == nil, "result \(index) should succeed: \(String(describing: result))")
            }
        }
        try expectEqual(referenceSave().count, 300, "services ipvsadm sees")
    }

    suite.check("batch: 2,000 services x 5 real servers in one call") { client in
        var requests: [IPVSRequest] = []
        for s in 0..<2000 {
            let id = tcp("10.4.\(s / 250).\(s % 250 + 1)", 80)
            requests.append(.addService(VirtualService(id: id, scheduler: "rr")))
            for d in 1...5 {
                let server = RealServer(
                    address: ip("10.5.\(s / 250).\(s % 250 + 1)"), port: UInt16(8000 + d), forwarding: .masquerade)
                requests.append(.addRealServer(server, service: id))
            }
        }
        let results = try client.perform(requests)
        try expectEqual(results.compactMap { $0 }.count, 0, "failed requests")
        try expectEqual(referenceSave().count, 12_000, "lines ipvsadm saves")
        let services = try client.services()
        try expectEqual(services.count, 2000, "services listed")
    }

    suite.check("batch: requests after a failure still run") { client in
        let id = tcp("10.0.0.1", 80)
        let results = try client.perform([
            .addRealServer(RealServer(address: ip("10.0.1.2"), port: 80), service: id),
            .addService(VirtualService(id: id)),
            .addRealServer(RealServer(address: ip("10.0.1.2"), port: 80), service: id),
        ])
        try expectEqual(results.map { $0?.reason }, [.noSuchService, nil, nil], "results")
        try expectEqual(referenceSave().count, 2, "lines ipvsadm saves")
    }
}
