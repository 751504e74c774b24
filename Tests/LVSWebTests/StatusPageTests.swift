import Testing

@testable import LVSWeb

@Suite struct StatusPageTests {
    let html = StatusPage.render(sampleView())

    func row(_ server: String) -> String? {
        html.split(separator: "\n").map(String.init).first { $0.contains("data-server=\"\(server)\"") }
    }

    @Test func theFailedServersRowShowsItFailed() throws {
        let failed = try #require(row("10.0.0.12:8080"))
        #expect(failed.hasPrefix("<tr class=\"server down\""), "\(failed)")
        #expect(failed.contains("<td class=\"health\">down, for 4.0 s [connect]</td>"), "\(failed)")
        #expect(failed.contains("failed: connection refused, 0.5 s ago (took 3 ms)"), "\(failed)")
        let healthy = try #require(row("10.0.0.11:8080"))
        #expect(healthy.hasPrefix("<tr class=\"server\""), "\(healthy)")
        #expect(healthy.contains("<td class=\"health\">up [always-up]</td>"), "\(healthy)")
    }

    @Test func theTableAsLvsadmShowsItWithExactCounters() {
        #expect(html.contains("<td>TCP  10.0.0.100:80</td><td></td><td></td><td></td><td></td><td></td><td>wlc</td>"))
        #expect(html.contains("<td>18446744073709551557</td>"))
        #expect(html.contains("<td class=\"health\">up [always-up]</td><td>2</td><td>2</td><td>off</td><td>-</td>"))
        #expect(html.contains("<td></td><td>masq</td><td>4</td><td>9</td><td>7</td>"))
        let failed = row("10.0.0.12:8080") ?? ""
        #expect(
            failed.contains("[connect]</td><td>0</td><td>1</td><td>off</td><td>failed: connection refused"),
            "\(failed)")
    }

    @Test func refreshesItselfWithoutScriptAndFitsAPhone() {
        #expect(html.contains("<meta http-equiv=\"refresh\" content=\"5\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(!html.lowercased().contains("<script"))
    }

    @Test func textIsEscaped() {
        #expect(HTMLText.escaped("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }
}
