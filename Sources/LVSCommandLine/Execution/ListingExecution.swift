import IPVSKit

/// `-L` and `-S`: the whole-table listings read the table consistently (`consistentListing`:
/// a table changed during the read is read again, never shown torn) and print once it is
/// read; a read failing half way leaves the same partial output as ipvsadm, which prints
/// as it reads (the header before the services are asked for, the titles after, each
/// service once its real servers are read).
extension Executor {
    func list(_ request: ListRequest, client: any IPVSClient, line: Int?) -> Outcome {
        let options = request.options
        do {
            switch request.target {
            case .table:
                write(Listing.header(try kernel.info()))
                var titled = false
                var text = ListingText()
                let counters = options.style == .stats || options.style == .rate
                try readListing(client: client, line: line, to: &text, sorted: options.sorted, statistics: counters) {
                    entries in
                    // After the first service dump, as ipvsadm prints it.
                    if !titled { write(Listing.title(options.style)) }
                    titled = true
                } each: { listed, buffer in
                    Listing.appendService(listed, options: options, resolver: resolver, to: &buffer)
                }
                write(text)
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
                        entries, numeric: options.numeric,
                        persistentConnections: options.style == .persistentConnections,
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
        var text = ListingText()
        do {
            try readListing(client: client, line: line, to: &text, sorted: true, statistics: false) { _ in
            } each: {
                listed, buffer in
                SaveFormat.appendRules(listed, numeric: numeric, resolver: resolver, to: &buffer)
            }
        } catch {
            return .listingFailure
        }
        write(text)
        return .success
    }

    /// The whole table through `consistentListing`, each service's text appended to
    /// `text` by `each`, services in ipvsadm's order (or the kernel's); the traffic counters
    /// only with `statistics` (the listings that show them). Nothing is written
    /// before the read is known to be true; a pass found torn starts the text again. A read
    /// that fails writes the text of the services before it, then the message, and
    /// rethrows, as ipvsadm's printing as it reads leaves it; a table that never reads the
    /// same twice prints only the message.
    private func readListing(
        client: any IPVSClient, line: Int?, to text: inout ListingText, sorted: Bool, statistics: Bool,
        listed: ([ServiceEntry]) -> Void, each: (ListedService, inout TextBuffer) -> Void
    ) throws {
        do {
            // The check's service dump is compared by ids only: the text is made from the
            // first one's entries.
            try client.consistentListing(statistics: statistics) { entries in
                listed(entries)
                return sorted ? ListingOrder.sortedServices(entries) : entries
            } restart: {
                text.removeAll()
            } each: { entry, servers in
                each(ListedService(entry, realServers: servers), &text.current)
                text.sealIfFull()
            }
        } catch {
            // A pass found torn is no view of the table: none of its text is printed.
            if !(error is TornReadError) { write(text) }
            text.removeAll()
            report(KernelMessages.describe(error), line: line)
            throw error
        }
    }

    func write(_ text: ListingText) {
        for chunk in text.sealed { output.write(bytes: chunk, to: .standardOutput) }
        write(text.current)
    }

    /// One service (`-L -t ...`): its real servers are one dump, taken as it comes.
    private func writeService(_ entry: ServiceEntry, client: any IPVSClient, options: ListingOptions, line: Int?) throws
    {
        let servers = try read(line: line) { try client.realServers(of: entry.service.id) }
        var buffer = TextBuffer()
        Listing.appendService(
            ListedService(entry, realServers: servers), options: options, resolver: resolver, to: &buffer)
        write(buffer)
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

/// A whole listing's text, held until the read is known to be true: pieces of about
/// 64 KiB, so a large table's text is never copied to grow one array (a 110,000-line
/// `-S -n` is 5 MB; doubling one buffer touched three times that in fresh pages).
struct ListingText {
    static let pieceBytes = 64 * 1024
    private(set) var sealed: [[UInt8]] = []
    /// Room for a full piece and the service that overfills it, so a piece never grows.
    static let pieceCapacity = pieceBytes + pieceBytes / 4
    var current = TextBuffer(reservingCapacity: pieceCapacity)

    /// Ends the current piece once it is full; called between services, so no line is split.
    mutating func sealIfFull() {
        guard current.count >= Self.pieceBytes else { return }
        sealed.append(current.bytes)
        current = TextBuffer(reservingCapacity: Self.pieceCapacity)
    }

    mutating func removeAll() {
        sealed.removeAll()
        current.removeAll()
    }
}
