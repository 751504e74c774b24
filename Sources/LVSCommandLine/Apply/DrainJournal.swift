import IPVSKit

/// Real servers being drained: set to weight 0, to be deleted once idle or at their
/// deadline. Kept on disk while a drain runs, so a drain cut short (a crash, a reboot, a
/// killed apply) is finished by the next apply instead of leaving a server at weight 0.
///
/// The format is one line per server, the deadline (Unix seconds) and then the `-d` line
/// that deletes it, which the ipvsadm parser reads back:
///
///     # lvsadm drain journal
///     1767225600 -d -t 10.0.0.1:80 -r 10.0.0.2:80
struct DrainJournal: Equatable {
    struct Entry: Equatable {
        var server: RealServerID
        var service: ServiceID
        var deadline: UInt64
    }

    var entries: [Entry] = []

    func encoded(resolver: any NameResolver) -> [UInt8] {
        let lines = entries.map { entry in
            "\(entry.deadline) "
                + ChangeFormat.line(.deleteRealServer(entry.server, service: entry.service), resolver: resolver)
        }
        return Array(("# lvsadm drain journal\n" + lines.joined()).utf8)
    }

    /// Lines that cannot be read are skipped: a journal is a hint to finish work, and a
    /// damaged one must not stop an apply.
    static func decode(_ bytes: [UInt8], parser: CommandLineParser) -> DrainJournal {
        var journal = DrainJournal()
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let tokens = line.split(separator: " ").map(String.init)
            guard let first = tokens.first, let deadline = UInt64(first),
                case .deleteRealServer(let server, let service)? = try? parser.parse(Array(tokens.dropFirst()))
            else { continue }
            journal.entries.append(Entry(server: server, service: service, deadline: deadline))
        }
        return journal
    }

    func deadline(of server: RealServerID, in service: ServiceID) -> UInt64? {
        entries.first { $0.server == server && $0.service == service }?.deadline
    }
}
