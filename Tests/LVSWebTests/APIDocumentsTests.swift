import LVSCommandLine
import Testing

@testable import LVSWeb

@Suite struct APIDocumentsTests {
    @Test func tableIsLvsadmsListingDocument() {
        let view = sampleView()
        #expect(
            APIDocuments.table(view)
                == JSONDocument.listing(
                    view.listed, info: view.info, options: ListingOptions(numeric: true, style: .stats)))
        #expect(APIDocuments.table(view).contains("\"bytes_in\": 18446744073709551557"))
    }

    @Test func healthNamesEachManagedServerAndItsLastCheck() throws {
        let text = APIDocuments.health(sampleView())
        #expect((try? JSONParser.parse(text)) != nil)
        #expect(text.hasPrefix("{\n  \"version\": 1,\n  \"document\": \"health\","), "\(text)")
        #expect(text.contains("\"health\": \"down\""), "\(text)")
        #expect(text.contains("\"reason\": \"connection_refused\""), "\(text)")
        #expect(text.contains("\"wanted_weight\": 0"), "\(text)")
    }
}
