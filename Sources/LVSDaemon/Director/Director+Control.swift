import LVSHealth

extension Director {
    /// A control request other than `reload` (which the loop handles: it reads the file).
    public func answer(_ words: [String]) -> ControlReply {
        switch words.first {
        case "status":
            return .done(statusTable())
        case "maintenance":
            guard words.count >= 3, ["on", "off"].contains(words[1]) else {
                return .refused("usage: maintenance on|off ADDRESS[:PORT] [SERVICE OPTIONS]")
            }
            do throws(TextError) {
                let entry = try Maintenance.Entry.read(server: words[2], service: Array(words[3...]))
                return .done(try setMaintenance(entry, on: words[1] == "on"))
            } catch {
                return .refused(error.message)
            }
        default:
            return .refused("unknown request: \(words.joined(separator: " "))")
        }
    }
}
