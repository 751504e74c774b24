import IPVSKit

/// `-L --json` and `-S --json`: the same reads as the text listings, in the same order and
/// with the same messages and exit statuses when one fails, but the document is printed
/// only once everything is read: a failed read prints nothing on standard output (half a
/// JSON document is no document).
extension Executor {
    func listJSON(_ request: ListRequest, client: any IPVSClient, line: Int?) -> Outcome {
        let options = request.options
        do {
            switch request.target {
            case .table:
                let info = try kernel.info()
                let listed = try readTable(client: client, line: line, sorted: options.sorted)
                write(JSONDocument.listing(listed, info: info, options: options))
            case .service(let id):
                let info = try kernel.info()
                let entry = try read(line: line) { try client.service(id) }
                let servers = try read(line: line) { try client.realServers(of: entry.service.id) }
                write(JSONDocument.listing([ListedService(entry, realServers: servers)], info: info, options: options))
            case .connections:
                guard let entries = try? client.connections() else {
                    report("cannot open file /proc/net/ip_vs_conn", line: line)
                    return .listingFailure
                }
                write(JSONDocument.connections(entries))
            case .timeouts:
                guard let timeouts = try? client.timeouts() else { return .listingFailure }
                write(JSONDocument.timeouts(timeouts))
            case .daemons:
                guard let daemons = try? client.daemons() else { return .listingFailure }
                write(JSONDocument.daemons(daemons))
            }
        } catch {
            return .listingFailure
        }
        return .success
    }

    func saveJSON(client: any IPVSClient, line: Int?) -> Outcome {
        do {
            write(JSONDocument.rules(try readTable(client: client, line: line, sorted: true)))
        } catch {
            return .listingFailure
        }
        return .success
    }

    /// Every service with its real servers, read as the text listings read them
    /// (`consistentListing`: a table changed during the read is read again, so `apply`
    /// never gets a torn document back); the kernel's words are reported on failure.
    private func readTable(client: any IPVSClient, line: Int?, sorted: Bool) throws -> [ListedService] {
        var listed: [ListedService] = []
        do {
            try client.consistentListing { entries in
                sorted ? ListingOrder.sortedServices(entries) : entries
            } restart: {
                listed.removeAll()
            } each: { entry, servers in
                listed.append(ListedService(entry, realServers: servers))
            }
        } catch {
            report(KernelMessages.describe(error), line: line)
            throw error
        }
        return listed
    }
}
