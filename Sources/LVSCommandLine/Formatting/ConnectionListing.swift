import IPVSKit

/// `-L -c`: the kernel's connection table, in the order the proc file lists it.
public enum ConnectionListing {
    /// The title lines and one line per entry.
    ///
    /// - Parameter persistentConnections: `--persistent-conn`: adds the persistence
    ///   engine columns (to the title, and to the entries that have both engine fields).
    public static func table(
        _ entries: [ConnectionEntry], numeric: Bool, persistentConnections: Bool, resolver: any NameResolver
    ) -> String {
        title(persistentConnections: persistentConnections)
            + entries.map {
                line($0, numeric: numeric, persistentConnections: persistentConnections, resolver: resolver)
            }.joined()
    }

    /// `IPVS connection entries` and the column titles.
    public static func title(persistentConnections: Bool) -> String {
        var columns =
            "pro expire " + PrintfPadding.left("state", 11) + " " + PrintfPadding.left("source", 18) + " "
            + PrintfPadding.left("virtual", 18) + " "
        if persistentConnections {
            columns += PrintfPadding.left("destination", 18) + " " + PrintfPadding.left("pe name", 16) + " pe_data"
        } else {
            columns += "destination"
        }
        return "IPVS connection entries\n" + columns + "\n"
    }

    /// `TCP 00:44  SYN_RECV    10.255.0.1:33544   10.255.0.100:80    10.255.0.1:8080`.
    ///
    /// Ports are named under the line's protocol (`TCP`, `UDP`, `SCTP`); addresses are not
    /// cut to the columns, so long names shift the rest of the line.
    public static func line(
        _ entry: ConnectionEntry, numeric: Bool, persistentConnections: Bool, resolver: any NameResolver
    ) -> String {
        let proto = AddressText.connectionProtocol(entry.protocolName)
        func text(_ address: IPAddress, _ port: UInt16) -> String {
            AddressText.describe(address, port: port, protocol: proto, numeric: numeric, resolver: resolver)
        }
        var line =
            PrintfPadding.left(entry.protocolName, 3) + " " + PrintfPadding.left(expiry(entry.expires), 6) + " "
            + PrintfPadding.left(entry.state, 11) + " " + PrintfPadding.left(text(entry.client, entry.clientPort), 18)
            + " " + PrintfPadding.left(text(entry.virtual, entry.virtualPort), 18) + " "
        let destination = text(entry.destination, entry.destinationPort)
        // ipvsadm shows the engine columns only when the proc line had both fields. Its
        // entry line pads the destination to 16 and the engine name to 18: the other way
        // round from its title line (18 and 16), so the columns do not line up.
        if persistentConnections, let engine = entry.persistenceEngine, let data = entry.persistenceData {
            line += PrintfPadding.left(destination, 16) + " " + PrintfPadding.left(engine, 18) + " " + data
        } else {
            line += destination
        }
        return line + "\n"
    }

    /// Seconds as `MM:SS` (`%02d:%02d`); minutes are not capped at two digits.
    static func expiry(_ seconds: UInt32) -> String {
        PrintfPadding.zeroPadded(seconds / 60, 2) + ":" + PrintfPadding.zeroPadded(seconds % 60, 2)
    }
}
