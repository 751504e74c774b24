import LVSCommandLine
import LVSDaemon
import Testing

@testable import LVSWeb

/// A service's configured name: a `name` label on every `lvs_` series of the service and
/// its real servers, none on the checks' (a check may serve several services), none at all
/// for an unnamed service; on the status page and in /api/v1/health.
@Suite struct ServiceNameTests {
    /// Quote and backslash: what a label value and an HTML attribute must escape.
    static let name = "shop \"front\" \\ <1>"

    static func namedView() -> DirectorView {
        var view = sampleView()
        view.names[web] = name
        for index in view.managed.indices { view.managed[index].name = name }
        return view
    }

    static func samples(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }
    }

    @Test func everyServiceAndRealServerSeriesCarriesTheName() {
        let lines = Self.samples(MetricsDocument.render(Self.namedView()))
        let label = "name=\"shop \\\"front\\\" \\\\ <1>\""
        let services = lines.filter { $0.hasPrefix("lvs_") }
        #expect(services.count == 6 + 2 * 8 + 2 * 7)
        for line in services {
            #expect(line.contains(",scheduler=\"wlc\",\(label)"), "\(line)")
        }
        #expect(
            lines.contains(
                "lvs_real_server_weight{protocol=\"tcp\",service=\"10.0.0.100:80\",family=\"inet\",scheduler=\"wlc\",\(label),server=\"10.0.0.12:8080\",forwarding=\"masq\"} 0"
            ))
        for line in lines where line.hasPrefix("lvsadmd_") {
            #expect(!line.contains("name="), "\(line)")
        }
    }

    @Test func anUnnamedServiceHasNoNameLabel() {
        let text = MetricsDocument.render(sampleView())
        #expect(!text.contains("name="))
        #expect(
            text.contains(
                "lvs_service_real_servers{protocol=\"tcp\",service=\"10.0.0.100:80\",family=\"inet\",scheduler=\"wlc\"} 2"
            ))
    }

    @Test func theStatusPageShowsTheNameEscaped() {
        let html = StatusPage.render(Self.namedView())
        #expect(
            html.contains(
                "<tr class=\"service\" data-service=\"TCP  10.0.0.100:80\" data-name=\"shop &quot;front&quot; \\ &lt;1&gt;\">"
                    + "<td>TCP  10.0.0.100:80 <span class=\"name\">shop &quot;front&quot; \\ &lt;1&gt;</span></td>"))
        #expect(!StatusPage.render(sampleView()).contains("class=\"name\""))
    }

    @Test func theHealthDocumentNamesEachServersService() throws {
        let named = APIDocuments.health(Self.namedView())
        #expect((try? JSONParser.parse(named)) != nil)
        #expect(named.components(separatedBy: "\"name\": \"shop \\\"front\\\" \\\\ <1>\",").count == 3)
        let unnamed = APIDocuments.health(sampleView())
        #expect(unnamed.components(separatedBy: "\"name\": null,").count == 3)
    }
}
