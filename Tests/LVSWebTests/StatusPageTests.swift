import XCTest

@testable import LVSWeb

final class StatusPageTests: XCTestCase {
    let html = StatusPage.render(sampleView())

    func row(_ server: String) -> String? {
        html.split(separator: "\n").map(String.init).first { $0.contains("data-server=\"\(server)\"") }
    }

    func testTheFailedServersRowShowsItFailed() throws {
        let failed = try XCTUnwrap(row("10.0.0.12:8080"))
        XCTAssertTrue(failed.hasPrefix("<tr class=\"server down\""), failed)
        XCTAssertTrue(failed.contains("<td class=\"health\">down, for 4.0 s [connect]</td>"), failed)
        XCTAssertTrue(failed.contains("failed: connection refused, 0.5 s ago (took 3 ms)"), failed)
        let healthy = try XCTUnwrap(row("10.0.0.11:8080"))
        XCTAssertTrue(healthy.hasPrefix("<tr class=\"server\""), healthy)
        XCTAssertTrue(healthy.contains("<td class=\"health\">up [always-up]</td>"), healthy)
    }

    func testTheTableAsLvsadmShowsItWithExactCounters() {
        XCTAssertTrue(
            html.contains("<td>TCP  10.0.0.100:80</td><td></td><td></td><td></td><td></td><td></td><td>wlc</td>"))
        XCTAssertTrue(html.contains("<td>18446744073709551557</td>"))
        XCTAssertTrue(
            html.contains("<td class=\"health\">up [always-up]</td><td>2</td><td>2</td><td>off</td><td>-</td>"))
        XCTAssertTrue(html.contains("<td></td><td>masq</td><td>4</td><td>9</td><td>7</td>"))
        let failed = row("10.0.0.12:8080") ?? ""
        XCTAssertTrue(
            failed.contains("[connect]</td><td>0</td><td>1</td><td>off</td><td>failed: connection refused"), failed)
    }

    func testRefreshesItselfWithoutScriptAndFitsAPhone() {
        XCTAssertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"5\">"))
        XCTAssertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        XCTAssertFalse(html.lowercased().contains("<script"))
    }

    func testTextIsEscaped() {
        XCTAssertEqual(HTMLText.escaped("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }
}
