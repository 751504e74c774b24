import IPVSKit
import Testing

@testable import LVSCommandLine

/// `-b` in the input of `lvsadm apply` means what it means to `-R`: an empty value
/// (`--sched-flags=`, `-b=`) is no flags, empty words are skipped, commas alone are
/// refused. The VM's differential corpus proves the same of `-R` against ipvsadm.
@Suite struct SchedulerFlagsInputTests {
    func read(_ text: String) throws(DesiredStateError) -> DesiredState {
        try DesiredStateReader(parser: CommandLineParser(programName: "lvsadm", resolver: TableResolver()))
            .read(Array(text.utf8))
    }

    @Test func emptyValuesAndEmptyWords() throws {
        let state = try read(
            """
            -A -t 10.0.0.1:80 -s sh --sched-flags=
            -A -t 10.0.0.1:81 -s sh -b=
            -A -t 10.0.0.1:82 -s sh -b ,sh-port
            -A -t 10.0.0.1:83 -s sh -b sh-port,,sh-fallback,

            """)
        #expect(state.table.services.map(\.service.flags) == [[], [], [.shPort], [.shPort, .shFallback]])
    }

    @Test func commasAloneAreRefusedWithTheirLine() {
        #expect {
            try read("-A -t 10.0.0.1:80 -s sh\n-A -t 10.0.0.1:81 -s sh -b ,\n")
        } throws: { error in
            (error as? DesiredStateError)?.text == "line 2: invalid scheduler flag `'"
        }
    }
}
