import IPVSKit
import LVSCommandLine
import LVSDaemon
import LVSHealth
import XCTest

@testable import LVSWeb

final class EventsTests: XCTestCase {
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

    func testTheRoute() {
        XCTAssertEqual(WebRoute.route(method: "GET", target: "/api/v1/events"), .events(since: 0, wait: 0))
        XCTAssertEqual(
            WebRoute.route(method: "GET", target: "/api/v1/events?since=7&wait=30"), .events(since: 7, wait: 30))
        for bad in ["since=-1", "since=x", "wait=61", "since=1&since=2", "limit=3", "since"] {
            guard case .refused(400, _) = WebRoute.route(method: "GET", target: "/api/v1/events?" + bad) else {
                return XCTFail(bad)
            }
        }
        guard case .refused(405, _) = WebRoute.route(method: "POST", target: "/api/v1/events") else { return XCTFail() }
    }

    func testEventsAfterTheCursor() throws {
        var log = EventLog()
        log.append(transition(.down, at: 3), users: [TargetUser(service: web, server: failedServer)])
        log.append(transition(.up, at: 9), users: [TargetUser(service: web, server: failedServer)])
        let all = try JSONParser.parse(APIDocuments.events(view(log), since: 0))
        XCTAssertEqual(all["cursor"], .unsigned(2))
        XCTAssertEqual(all["missed"], .bool(false))
        let text = APIDocuments.events(view(log), since: 1)
        XCTAssertTrue(text.contains("\"number\": 2"), text)
        XCTAssertFalse(text.contains("\"number\": 1,"), text)
        XCTAssertTrue(text.contains("\"to\": \"up\""), text)
        XCTAssertTrue(text.contains("\"address\": \"10.0.0.12\""), text)
        XCTAssertTrue(APIDocuments.events(view(log), since: 2).contains("\"events\": []"))
        // A cursor from before a restart: everything, and missed.
        XCTAssertTrue(APIDocuments.events(view(log), since: 40).contains("\"missed\": true"))
    }

    func testTheLogKeepsTheLatest() {
        var log = EventLog()
        for index in 0..<(EventLog.capacity + 5) { log.append(transition(.down, at: Double(index)), users: []) }
        XCTAssertEqual(log.entries.count, EventLog.capacity)
        XCTAssertEqual(log.entries.first?.number, 6)
        XCTAssertEqual(log.last, UInt64(EventLog.capacity + 5))
        XCTAssertTrue(APIDocuments.events(view(log), since: 1).contains("\"missed\": true"))
        XCTAssertTrue(APIDocuments.events(view(log), since: 5).contains("\"missed\": false"))
    }
}
