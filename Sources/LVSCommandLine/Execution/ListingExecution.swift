import IPVSKit

/// `-L` and `-S`: reads from the kernel and prints as it goes, like ipvsadm, so that a
/// read failing half way leaves the same partial output (the header is printed before the
/// services are asked for; each service's real servers are read just before it prints).
extension Executor {
    func list(_ request: ListRequest, client: any IPVSClient, line: Int?) -> Outcome {
        let options = request.options
        do {
            switch request.target {
            case .table:
                write(Listing.header(try kernel.info()))
                let services = try read(line: line) { try client.services() }
                write(Listing.title(options.style))
                let ordered = options.sorted ? ListingOrder.sortedServices(services) : services
                for entry in ordered {
                    try writeService(entry, client: client, options: options, line: line)
                }
            case .service(let id):
                let entry = try read(line: line) { try client.service(id) }
                write(Listing.title(options.style))
                try writeService(entry, client: client, options: options, line: line)
            case .connections:
                guard let entries = try? client.connections() else {
                    report("cannot open file /proc/net/ip_vs_conn", line: line)
                    return .listingFailure
                }
                write(
                    ConnectionListing.table(
                        entries, numeric: options.numeric, persistentConnections: options.style == .persistentConnections,
                        resolver: resolver))
            case .timeouts:
                // ipvsadm exits 1 without a word when these cannot be read.
                guard let timeouts = try? client.timeouts() else { return .listingFailure }
                write(StatusLines.timeouts(timeouts))
            case .daemons:
                guard let daemons = try? client.daemons() else { return .listingFailure }
                write(StatusLines.daemons(daemons))
            }
        } catch {
            return .listingFailure
        }
        return .success
    }

    func save(numeric: Bool, client: any IPVSClient, line: Int?) -> Outcome {
        do {
            let services = try read(line: line) { try client.services() }
            for entry in ListingOrder.sortedServices(services) {
                let servers = try read(line: line) { try client.realServers(of: entry.service.id) }
                write(SaveFormat.rules([ListedService(entry, realServers: servers)], numeric: numeric, resolver: resolver))
            }
        } catch {
            return .listingFailure
        }
        return .success
    }

    private func writeService(_ entry: ServiceEntry, client: any IPVSClient, options: ListingOptions, line: Int?) throws {
        let servers = try read(line: line) { try client.realServers(of: entry.service.id) }
        write(Listing.service(ListedService(entry, realServers: servers), options: options, resolver: resolver))
    }

    /// Runs a read; on failure reports the kernel's words and rethrows to end the listing.
    func read<T>(line: Int?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            report(KernelMessages.describe(error), line: line)
            throw error
        }
    }
}
