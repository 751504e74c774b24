import LVSDaemon

/// The body and content type of each endpoint, from one view of the director.
public enum WebPages {
    public static func render(_ route: WebRoute, _ view: DirectorView) -> (body: String, contentType: String) {
        switch route {
        case .metrics: (MetricsDocument.render(view), MetricsDocument.contentType)
        case .statusPage: (StatusPage.render(view), "text/html; charset=utf-8")
        case .table: (APIDocuments.table(view), "application/json")
        case .health: (APIDocuments.health(view), "application/json")
        case .events(let since, _): (APIDocuments.events(view, since: since), "application/json")
        case .refused(_, let reason): (reason + "\n", "text/plain; charset=utf-8")
        case .action: ("an action is not a page\n", "text/plain; charset=utf-8")
        }
    }
}
