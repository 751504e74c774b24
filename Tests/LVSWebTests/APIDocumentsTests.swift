import LVSCommandLine
import XCTest

@testable import LVSWeb

final class APIDocumentsTests: XCTestCase {
    func testTableIsLvsadmsListingDocument() {
        let view = sampleView()
        XCTAssertEqual(
            APIDocuments.table(view),
            JSONDocument.listing(view.listed, info: view.info, options: ListingOptions(numeric: true, style: .stats)))
        XCTAssertTrue(APIDocuments.table(view).contains("\"bytes_in\": 18446744073709551557"))
    }

    func testHealthNamesEachManagedServerAndItsLastCheck() throws {
        let text = APIDocuments.health(sampleView())
        let document = try XCTUnwrap(try? JSONParser.parse(text))
        XCTAssertTrue(text.hasPrefix("{\n  \"version\": 1,\n  \"document\": \"health\","), text)
        XCTAssertTrue(text.contains("\"health\": \"down\""), text)
        XCTAssertTrue(text.contains("\"reason\": \"connection_refused\""), text)
        XCTAssertTrue(text.contains("\"wanted_weight\": 0"), text)
        _ = document
    }
}
