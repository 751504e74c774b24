import IPVSKit

@testable import LVSCommandLine

// Whole listings as one String, built from the same pieces the executor writes one at a
// time, so the formatting tests can state a whole expected text.

extension Listing {
    /// One service line and its real servers' lines (sorted unless `--nosort`).
    static func service(_ listed: ListedService, options: ListingOptions, resolver: any NameResolver) -> String {
        var buffer = TextBuffer()
        appendService(listed, options: options, resolver: resolver, to: &buffer)
        return buffer.text
    }

    /// The whole-table listing (`-L`): header, titles, then every service (sorted unless
    /// `--nosort`). An empty table still has the header and titles.
    static func table(
        info: IPVSInfo, services: [ListedService], options: ListingOptions, resolver: any NameResolver
    ) -> String {
        let ordered = options.sorted ? sortedServices(services) : services
        return header(info) + title(options.style)
            + ordered.map { service($0, options: options, resolver: resolver) }.joined()
    }

    /// `-L` with a service option: titles and that one service, no header.
    static func singleService(_ listed: ListedService, options: ListingOptions, resolver: any NameResolver) -> String {
        title(options.style) + service(listed, options: options, resolver: resolver)
    }
}

extension SaveFormat {
    /// `-S`: the rules for every service, always in ipvsadm's sorted order. An empty table
    /// gives "".
    static func rules(_ services: [ListedService], numeric: Bool, resolver: any NameResolver) -> String {
        var buffer = TextBuffer()
        for listed in Listing.sortedServices(services) {
            appendRules(listed, numeric: numeric, resolver: resolver, to: &buffer)
        }
        return buffer.text
    }
}
