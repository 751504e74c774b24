import IPVSKit
import IPVSNetlink
import Testing

/// Every request kind and every query, byte for byte against `Golden/`.
@Suite struct EncodingGoldenTests {
    @Test(arguments: RequestCase.all)
    func request(_ c: RequestCase) throws {
        let bytes = try IPVSMessages.encode(c.request, familyID: goldenFamilyID)
        Golden.check("# \(c.name)\n" + MessageDump.render(bytes), named: c.name)
    }

    @Test(arguments: QueryCase.all)
    func query(_ c: QueryCase) throws {
        let bytes = try IPVSMessages.encode(c.query, familyID: goldenFamilyID)
        Golden.check("# \(c.name)\n" + MessageDump.render(bytes), named: c.name)
    }

    @Test func everyRequestKindHasAGolden() {
        let kinds = Set(RequestCase.all.map(\.request.operation))
        let expected: Set<IPVSOperation> = [
            .addService, .editService, .deleteService, .addRealServer, .editRealServer, .deleteRealServer,
            .flush, .zero, .setTimeouts, .startDaemon, .stopDaemon,
        ]
        #expect(kinds == expected)
    }

    @Test func goldenNamesAreUnique() {
        let names = RequestCase.all.map(\.name) + QueryCase.all.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
