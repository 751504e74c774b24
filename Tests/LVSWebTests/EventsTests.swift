import IPVSKit
import LVSCommandLine
import LVSDaemon
import LVSHealth
import Testing

@testable import LVSWeb

@Suite struct EventsTests {
    func transition(_ to: HealthState, at seconds: Double) -> HealthTransition {
        HealthTransition(
            target: check, from: to == .down ? .up : .down, to: to, at: .seconds(seconds),
            reason: to == .down ? "connection refused (1 failure in a row)" : "connected (1 pass in a row)")
    }

    func view(_ log: EventLog) -> DirectorView {
        var view = sampleView()
        view.events = log
        return view
    }

    @Test func theRoute() {
        #expect(WebRoute.route(method: "GET", target: "/api/v1/events") == .events(since: 0, wait: 0))
        #expect(
            WebRoute.route(method: "GET", target: "/api/v1/events?since=7&wait=30") == .events(since: 7, wait: 30))
        for bad in ["since=-1", "since=x", "wait=61", "since=1&since=2", "limit=3", "since"] {
            guard case .refused(400, _) = WebRoute.route(method: "GET", target: "/api/v1/events?" + bad) else {
                Issue.record("\(bad) not refused with 400")
                continue
            }
        }
        guard case .refused(405, _) = WebRoute.route(method: "POST", target: "/api/v1/events") else {
            Issue.record("POST not refused with 405")
            return
        }
    }

    @Test func eventsAfterTheCursor() throws {
        var log = EventLog()
        log.append(transition(.down, at: 3), users: [TargetUser(service: web, server: failedServer)])
        log.append(transition(.up, at: 9), users: [TargetUser(service: web, server: failedServer)])
        let all = try JSONParser.parse(APIDocuments.events(view(log), since: 0))
        #expect(all["cursor"] == .unsigned(2))
        #expect(all["missed"] == .bool(false))
        let text = APIDocuments.events(view(log), since: 1)
        #expect(text.contains("\"number\": 2"), "\(text)")
        #expect(!text.contains("\"number\": 1,"), "\(text)")
        #expect(text.contains("\"to\": \"up\""), "\(text)")
        #expect(text.contains("\"address\": \"10.0.0.12\""), "\(text)")
        #expect(APIDocuments.events(view(log), since: 2).contains("\"events\": []"))
        // A cursor from before a restart: everything, and missed.
        #expect(APIDocuments.events(view(log), since: 40).contains("\"missed\": true"))
    }

    @Test func theLogKeepsTheLatest() {
        var log = EventLog()
        for index in 0..<(EventLog.capacity + 5) { log.append(transition(.down, at: Double(index)), users: []) }
        #expect(log.entries.count == EventLog.capacity)
        #expect(log.entries.first?.number == 6)
        #expect(log.last == UInt64(EventLog.capacity + 5))
        #expect(APIDocuments.events(view(log), since: 1).contains("\"missed\": true"))
        #expect(APIDocuments.events(view(log), since: 5).contains("\"missed\": false"))
    }
}
