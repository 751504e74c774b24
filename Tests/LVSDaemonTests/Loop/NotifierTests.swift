import LVSDaemon
import Testing

@Suite struct NotifierTests {
    @Test func messagesGoToTheNotifySocketAsDatagrams() throws {
        let directory = try TemporaryDirectory()
        let listener = try DatagramListener(path: directory.path + "/notify")
        let notifier = SystemdNotifier(environment: { $0 == "NOTIFY_SOCKET" ? listener.path : nil })
        notifier.ready(status: "2 services")
        notifier.watchdog()
        notifier.stopping()
        #expect(listener.messages() == ["READY=1\nSTATUS=2 services", "WATCHDOG=1", "STOPPING=1"])
    }

    @Test func theWatchdogIsPingedAtHalfItsTimeoutAndOnlyForThisProcess() {
        let environment = ["WATCHDOG_USEC": "3000000"]
        #expect(SystemdNotifier(environment: { environment[$0] }).watchdogInterval == .milliseconds(1500))
        let other = ["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": "1"]
        #expect(SystemdNotifier(environment: { other[$0] }).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: { _ in nil }).watchdogInterval == nil)
    }

    @Test func outsideSystemdNothingIsSent() {
        let notifier = SystemdNotifier(environment: { _ in nil })
        #expect(notifier.socketPath == nil)
        notifier.ready(status: "")  // must not crash or block
    }
}
