import IPVSKit

extension DesiredStateReader {
    /// A document of `-S --json` (or `-L --json`) rather than the save format: its first
    /// non-blank byte is `{`, which no save-format line starts with.
    static func isJSON(_ bytes: [UInt8]) -> Bool {
        let blank: Set<UInt8> = [0x20, 0x09, 0x0a, 0x0d]
        return bytes.first { !blank.contains($0) } == UInt8(ascii: "{")
    }

    /// The services of a JSON document, in its order. A JSON document has no lines, so a
    /// failing write is named by its command line instead (see `ApplyTransaction`); the
    /// counters a `listing` document carries are not part of a desired state.
    func readJSON(_ bytes: [UInt8]) throws(DesiredStateError) -> DesiredState {
        let listed: [ListedService]
        do {
            listed = try JSONDocument.services(from: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw DesiredStateError(line: nil, message: error.message)
        }
        var state = DesiredState()
        var seen: [ServiceID: Int] = [:]
        for (index, entry) in listed.enumerated() {
            let id = entry.entry.service.id
            if let first = seen[id] {
                throw DesiredStateError(
                    line: nil, message: "services[\(index)]: service \(id) is already defined by services[\(first)]")
            }
            seen[id] = index
            var servers: Set<RealServerID> = []
            for server in entry.realServers where !servers.insert(server.server.id).inserted {
                throw DesiredStateError(
                    line: nil, message: "services[\(index)]: real server \(server.server.id) is listed twice")
            }
            state.table.services.append(TableService(entry.entry.service, realServers: entry.realServers.map(\.server)))
        }
        return state
    }
}
