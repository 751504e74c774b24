import IPVSKit

// MARK: - Formatting: README
//
// Pure functions from model values to the exact bytes ipvsadm 1.31 prints (see
// Docs/ipvsadm-behaviour.md, "Listing formats"). Nothing here talks to the kernel or
// writes anywhere. The per-service lines, of which a table has thousands, are appended to
// a `TextBuffer` (`appendService`, `SaveFormat.appendRules`) that the executor writes out
// in pieces; the short parts (header, titles, status lines) are whole lines, each ending
// in "\n" ("" = print nothing). Whole listings as one `String`, which only the tests
// need, are built from these pieces in the test target.
//
//   Listing.header(info)                          "IP Virtual Server version 1.2.1 (size=4096)\n"
//   Listing.title(style)                          the two column-title lines
//   Listing.appendService(listed, options:, resolver:, to:)
//                                                 one service line + its real servers
//   SaveFormat.appendRules(listed, numeric:, resolver:, to:)
//                                                 one service's `-S` / `-S -n` lines
//   ConnectionListing.table(entries, numeric:, persistentConnections:, resolver:)   `-L -c`
//   StatusLines.timeouts(timeouts)                `-L --timeout`
//   StatusLines.daemons(daemons)                  `-L --daemon`
//   ListingOrder.sortedServices / sortedRealServers   ipvsadm's (quirky) sort order
//   AddressText.describe(address, port:, protocol:, numeric:, resolver:)
//
// `ListingOptions` carries -n, the style (`ListingStyle(stats:rate:...)` applies ipvsadm's
// precedence), --exact and --nosort. Services are passed as `ListedService` (an entry and
// its real servers, both in kernel order); the functions sort when `options.sorted`.
// Where lvsadm deliberately differs from ipvsadm, the code goes through `IpvsadmDeviation`.

/// The `-L` listing of virtual services.
public enum Listing {
    /// `IP Virtual Server version 1.2.1 (size=4096)`: only the whole-table listing has it.
    /// ipvsadm prints it before asking for the services, so it appears even when that
    /// request then fails.
    public static func header(_ info: IPVSInfo) -> String {
        "IP Virtual Server version \(info.major).\(info.minor).\(info.patch) "
            + "(size=\(PrintfPadding.signed(info.connectionTableSize)))\n"
    }

    /// The two column-title lines of a style.
    public static func title(_ style: ListingStyle) -> String {
        let first: String
        var second = "  -> RemoteAddress:Port"
        let prot = PrintfPadding.left("Prot LocalAddress:Port", 33)
        switch style {
        case .plain:
            first = "Prot LocalAddress:Port Scheduler Flags"
            second += "           Forward Weight ActiveConn InActConn"
        case .tunnelInfo:
            first = "Prot LocalAddress:Port Scheduler Flags"
            second += "           Forward TunnelInfo    Weight ActiveConn InActConn"
        case .stats:
            first =
                prot
                + columns(["Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"].map { PrintfPadding.right($0, 8) })
        case .rate:
            first = prot + columns(["CPS", "InPPS", "OutPPS", "InBPS", "OutBPS"].map { PrintfPadding.right($0, 8) })
        case .thresholds:
            // `%-10s` of the last title leaves one trailing blank.
            first =
                prot
                + columns(["Uthreshold", "Lthreshold", "ActiveConn", "InActConn"].map { PrintfPadding.left($0, 10) })
        case .persistentConnections:
            first =
                prot
                + columns([
                    PrintfPadding.left("Weight", 9), PrintfPadding.left("PersistConn", 11),
                    PrintfPadding.left("ActiveConn", 10), PrintfPadding.left("InActConn", 10),
                ])
        }
        return first + "\n" + second + "\n"
    }

    /// Cells each preceded by the blank that separates printf's conversions.
    static func columns(_ cells: [String]) -> String {
        cells.map { " " + $0 }.joined()
    }

    /// One service line and its real servers' lines (sorted unless `--nosort`), appended
    /// to `buffer`.
    static func appendService(
        _ listed: ListedService, options: ListingOptions, resolver: any NameResolver, to buffer: inout TextBuffer
    ) {
        let servers = options.sorted ? ListingOrder.sortedRealServers(listed.realServers) : listed.realServers
        let id = listed.entry.service.id
        ServiceLine.append(listed.entry, options: options, resolver: resolver, to: &buffer)
        for server in servers {
            RealServerLine.append(server, of: id, options: options, resolver: resolver, to: &buffer)
        }
    }

    /// `ListedService`s in ipvsadm's service order (their real servers untouched).
    static func sortedServices(_ services: [ListedService]) -> [ListedService] {
        GlibcMergeSort.sorted(services) { ListingOrder.compareServices($0.entry.service.id, $1.entry.service.id) }
    }
}
