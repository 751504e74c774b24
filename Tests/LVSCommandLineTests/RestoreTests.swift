import IPVSKit
import IPVSTesting
import Testing

@testable import LVSCommandLine

/// `-R`: ipvsadm's tokenizer, its stop/continue rules and last-line status, with
/// writes batched and errors numbered by line.
@Suite struct RestoreTests {
    // MARK: Tokenizer

    func lines(_ chunks: [String]) -> [RestoreLine] {
        var tokenizer = RestoreTokenizer()
        var out = chunks.flatMap { tokenizer.feed(Array($0.utf8)) }
        if let last = tokenizer.finish() { out.append(last) }
        return out
    }

    @Test func tokensSplitAtSpaceTabAndCR() {
        #expect(lines(["-A\t-t  1.2.3.4:80\r\n"]) == [RestoreLine(number: 1, tokens: ["-A", "-t", "1.2.3.4:80"])])
    }

    @Test func ipvsadmTokensDroppedAnywhereAndBlankLinesSkipped() {
        #expect(
            lines(["ipvsadm -C\n\n   \n\r\n-r ipvsadm\nipvsadm\n"])
                == [RestoreLine(number: 1, tokens: ["-C"]), RestoreLine(number: 5, tokens: ["-r"])])
    }

    @Test func lastLineWithoutNewlineCountsUnlessItEndsInTwoBlanks() {
        let both = [RestoreLine(number: 1, tokens: ["-C"]), RestoreLine(number: 2, tokens: ["-Z"])]
        #expect(lines(["-C\n-Z"]) == both)
        // One trailing space, tab or CR still counts (as the reference binary does)...
        #expect(lines(["-C\n-Z "]) == both)
        #expect(lines(["-C\n-Z\t"]) == both)
        #expect(lines(["-C\n-Z\r"]) == both)
        #expect(lines(["-C\n-Z ipvsadm "]) == both)
        // ...two or more do not, whichever they are, even split across chunks.
        #expect(lines(["-C\n-Z  "]) == [RestoreLine(number: 1, tokens: ["-C"])])
        #expect(lines(["-C\n-Z \r"]) == [RestoreLine(number: 1, tokens: ["-C"])])
        #expect(lines(["-C\n-Z\t", " "]) == [RestoreLine(number: 1, tokens: ["-C"])])
        #expect(lines(["-C\n-Z  x"]) == both.dropLast() + [RestoreLine(number: 2, tokens: ["-Z", "x"])])
    }

    @Test func linesMayStraddleChunks() {
        #expect(
            lines(["-A -t 1.2", ".3.4:80\n-", "C\n"]) == [
                RestoreLine(number: 1, tokens: ["-A", "-t", "1.2.3.4:80"]), RestoreLine(number: 2, tokens: ["-C"]),
            ])
    }

    @Test func longTokensAreCut() {
        let long = String(repeating: "a", count: 5000)
        #expect(lines([long + "\n"]).first?.tokens.map(\.count) == [4096, 904])
    }

    // MARK: Semantics

    let add80 = IPVSRequest.addService(VirtualService(id: tcp(v4(1, 1, 1, 1), 80)))
    let add81 = IPVSRequest.addService(VirtualService(id: tcp(v4(1, 1, 1, 1), 81)))

    @Test func consecutiveWritesGoInOneBatch() {
        let client = ScriptedIPVSClient()
        let result = run(["-R"], client: client, input: "-A -t 1.1.1.1:80\n-A -t 1.1.1.1:81\n")
        #expect(result.status == 0)
        #expect(client.batches == [[add80, add81]])
        #expect(result.stderr == "")
    }

    @Test func kernelErrorsAreNumberedAndOnlyTheLastLineDecidesStatus() {
        let client = ScriptedIPVSClient()
        client.queuedAnswers = [Errno.EEXIST, nil]
        let ok = run(["-R"], client: client, input: "-A -t 1.1.1.1:80\n\n-A -t 1.1.1.1:81\n")
        #expect(ok.stderr == "line 1: Service already exists\n")
        #expect(ok.status == 0)

        let failingLast = ScriptedIPVSClient()
        failingLast.queuedAnswers = [nil, Errno.EEXIST]
        let bad = run(["-R"], client: failingLast, input: "-A -t 1.1.1.1:80\n-A -t 1.1.1.1:81\n")
        #expect(bad.stderr == "line 2: Service already exists\n")
        #expect(bad.status == 255)
    }

    @Test func poptErrorReportsEarlierKernelErrorsFirstAndContinues() {
        let client = ScriptedIPVSClient()
        client.queuedAnswers = [Errno.EEXIST]
        let result = run(["-R"], client: client, input: "-A -t 1.1.1.1:80\n-L --bogus\n-A -t 1.1.1.1:81\n")
        #expect(result.stderr == "line 1: Service already exists\nline 2: --bogus: unknown option\n")
        #expect(client.batches == [[add80], [add81]])
        #expect(result.status == 0)
    }

    @Test func poptErrorOnLastLineGives255() {
        let result = run(["-R"], input: "-C\n-L -s\n")
        #expect(result.stderr == "line 2: -s: missing argument\n")
        #expect(result.status == 255)
    }

    @Test func invalidLineStopsAfterApplyingEarlierOnes() {
        let client = ScriptedIPVSClient()
        let result = run(["-R"], client: client, input: "-A -t 1.1.1.1:80\n-A -t 1.1.1.1\n-A -t 1.1.1.1:81\n")
        #expect(client.requests == [add80])
        #expect(result.stderr == "line 2: Zero port specified for non-persistent service\n")
        #expect(result.status == 2)
    }

    @Test func commentsAndNestedRestoreStopWithTryHelp() {
        let client = ScriptedIPVSClient()
        let comment = run(["-R"], client: client, input: "-C\n# a comment\n-C\n")
        #expect(comment.stderr == "line 2: Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n")
        #expect(comment.status == 255)
        #expect(client.requests == [.flush])
        let nested = run(["-R"], input: "-R\n")
        #expect(nested.status == 255)
        #expect(nested.stderr == "line 1: Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n")
    }

    @Test func listingLineFlushesFirstAndPrintsInOrder() {
        let client = ScriptedIPVSClient()
        let result = run(["-R"], client: client, input: "-C\n-L --timeout\n-Z\n")
        #expect(result.stdout == "Timeout (tcp tcpfin udp): 900 120 300\n")
        #expect(client.batches == [[.flush], [.zero(nil)]])
        #expect(result.status == 0)
    }

    @Test func helpEndsTheRestoreWithZero() {
        let client = ScriptedIPVSClient()
        let result = run(["-R"], client: client, input: "-C\n-h\n-Z\n")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("ipvsadm v1.31"))
        #expect(client.requests == [.flush])
    }

    @Test func missingServiceListingStopsWithOne() {
        let client = ScriptedIPVSClient()
        let result = run(["-R"], client: client, input: "-L -t 1.1.1.1:80\n-C\n")
        #expect(result.stderr == "line 1: No such service\n")
        #expect(result.status == 1)
        #expect(client.requests == [])
    }

    @Test func brokenExchangeEndsTheRun() {
        let client = ScriptedIPVSClient()
        client.performFailure = IPVSError(errno: Errno.ENOBUFS, operation: .addService)
        let result = run(["-R"], client: client, input: "-A -t 1.1.1.1:80\n-A -t 1.1.1.1:81\n")
        #expect(result.status == 255)
        #expect(result.stderr == "line 1: No buffer space available\n")
    }

    @Test func emptyInputNeedsNoKernel() {
        let result = run(["-R"], input: "", connectError: IPVSError(errno: Errno.ENOENT, operation: .connect))
        #expect(result.status == 0)
    }
}
