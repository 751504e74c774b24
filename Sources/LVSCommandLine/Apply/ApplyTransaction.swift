import IPVSKit

/// All or nothing: a batch whose writes either all succeed or are all undone.
extension ApplyRunner {
    /// Sends the batch; if any write fails, undoes the ones that succeeded and throws
    /// (status 1), or status 3 if undoing failed too. A removal of something already gone
    /// (another program removed it since the table was read) is neither: the table is as
    /// asked there, and there is nothing to undo.
    func performAllOrNothing(
        _ batch: [IPVSRequest], live: IPVSTable, desired: DesiredState, client: any IPVSClient
    ) throws(Failure) {
        guard !batch.isEmpty else { return }
        let results: [IPVSError?]
        do {
            results = try client.perform(batch)
        } catch {
            // What the kernel did with the batch is unknown: read the table again and go
            // back to the snapshot from there.
            let cause = "sending the changes: " + KernelMessages.describe(error)
            try rollBack(to: live, client: client, cause: cause)
            throw Failure(message: cause + "\nnothing was changed", status: 1)
        }
        let failures = results.indices.compactMap { index -> (Int, IPVSError)? in
            guard let error = results[index], index < batch.count, !Self.isAlreadyDone(batch[index], error) else {
                return nil
            }
            return (index, error)
        }
        guard !failures.isEmpty else { return }
        let messages = failures.map { describe(batch[$0.0], error: $0.1, desired: desired) }
        let succeeded = batch.indices.filter { $0 < results.count && results[$0] == nil }.map { batch[$0] }
        let undo = TablePlanner.inverse(of: succeeded, live: live)
        let undoResults: [IPVSError?]
        do {
            undoResults = try client.perform(undo)
        } catch {
            try rollBack(to: live, client: client, cause: messages.joined(separator: "\n"))
            throw Failure(message: messages.joined(separator: "\n") + "\nnothing was changed", status: 1)
        }
        if let index = undoResults.firstIndex(where: { $0 != nil }), let undoError = undoResults[index] {
            throw Failure(
                message: messages.joined(separator: "\n") + "\nundoing failed at "
                    + ChangeFormat.line(undo[index], resolver: resolver).dropLast() + ": "
                    + KernelMessages.describe(undoError) + "\nthe table is not as it was", status: 3)
        }
        throw Failure(message: messages.joined(separator: "\n") + "\nnothing was changed", status: 1)
    }

    static func isAlreadyDone(_ request: IPVSRequest, _ error: IPVSError) -> Bool {
        switch request {
        case .deleteService: error.reason == .noSuchService
        case .deleteRealServer: error.reason == .noSuchRealServer || error.reason == .noSuchService
        default: false
        }
    }

    /// Brings the table back to `snapshot` from whatever it is now.
    private func rollBack(to snapshot: IPVSTable, client: any IPVSClient, cause: String) throws(Failure) {
        do {
            let now = try client.consistentTable(
                withTimeouts: snapshot.timeouts != nil, withDaemons: snapshot.daemons != nil)
            let back = TablePlanner.plan(from: now, to: snapshot)
            if !back.isEmpty, try client.perform(back).contains(where: { $0 != nil }) {
                throw Failure(message: cause + "\nundoing failed; the table is not as it was", status: 3)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(
                message: cause + "\nundoing failed: " + KernelMessages.describe(error) + "; the table is not as it was",
                status: 3)
        }
    }

    /// `line N: message` for the input line that asked for the write; a removal has no
    /// line and is named by its ipvsadm command instead.
    private func describe(_ request: IPVSRequest, error: IPVSError, desired: DesiredState) -> String {
        let text = KernelMessages.describe(error)
        if let subject = request.subject, let line = desired.line(of: subject), !Self.isRemoval(request) {
            return "line \(line): \(text)"
        }
        return ChangeFormat.line(request, resolver: resolver).dropLast() + ": " + text
    }

    private static func isRemoval(_ request: IPVSRequest) -> Bool {
        switch request {
        case .deleteService, .deleteRealServer, .stopDaemon: true
        default: false
        }
    }
}
