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
                let services = try read(line: line) { try client.services() }
                let ordered = options.sorted ? ListingOrder.sortedServices(services) : services
                let listed = try ordered.map { entry in
                    ListedService(entry, realServers: try read(line: line) { try client.realServers(of: entry.service.id) })
                }
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
            let services = try read(line: line) { try client.services() }
            let listed = try ListingOrder.sortedServices(services).map { entry in
                ListedService(entry, realServers: try read(line: line) { try client.realServers(of: entry.service.id) })
            }
            write(JSONDocument.rules(listed))
        } catch {
            return .listingFailure
        }
        return .success
    }
}
