import IPVSKit
import LVSCommandLine
import LVSDaemon
import LVSHealth

/// The JSON API's documents. `/api/v1/table` is `lvsadm -L -n --stats --json`'s document
/// itself (the same encoder, Docs/json.md); `/api/v1/health` is lvsadmd's own, in the same
/// conventions (`version` and `document` first, names not codes, exact integers).
public enum APIDocuments {
    public static func table(_ view: DirectorView) -> String {
        JSONDocument.listing(view.listed, info: view.info, options: ListingOptions(numeric: true, style: .stats))
    }

    public static func health(_ view: DirectorView) -> String {
        let servers: [JSONValue] = view.managed.map { managed in
            var members = [
                JSONValue.Member("service", serviceKey(managed.service)),
                JSONValue.Member("name", .optional(managed.name)),
                JSONValue.Member("address", .string(managed.server.address.description)),
                JSONValue.Member("port", .number(managed.server.port)),
                JSONValue.Member("health", .string(managed.health.rawValue)),
                JSONValue.Member("healthy", .bool(managed.healthy)),
                JSONValue.Member("maintenance", .bool(managed.maintenance)),
                JSONValue.Member("source", .string(managed.source)),
                JSONValue.Member("configured_weight", .number(managed.configuredWeight)),
                JSONValue.Member("wanted_weight", .optional(managed.wantedWeight)),
                JSONValue.Member("state_seconds", managed.since.map { .double(seconds($0)) } ?? .null),
            ]
            let run = managed.target.flatMap { target in view.checks.first { $0.target == target }?.record.last }
            members.append(JSONValue.Member("last_check", run.map { lastCheck($0, at: view.at) } ?? .null))
            return .object(members)
        }
        return JSONValue.object([
            "version": .unsigned(JSONDocument.version), "document": .string("health"),
            "uptime_seconds": .double(seconds(view.at.sinceOrigin)), "servers": .array(servers),
        ]).rendered()
    }

    /// The transitions numbered above `since`, oldest first, and `cursor`, the number to
    /// pass next time; `missed` is true when some after `since` are no longer kept, or when
    /// `since` is past the last (a cursor from before lvsadmd restarted: all are given).
    public static func events(_ view: DirectorView, since: UInt64) -> String {
        let restarted = since > view.events.last
        let entries = view.events.after(restarted ? 0 : since)
        let missed = restarted || (entries.first?.number ?? view.events.next) > since + 1
        let items: [JSONValue] = entries.map { entry in
            let transition = entry.transition
            return JSONValue.object([
                "number": .unsigned(entry.number),
                "seconds": .double(seconds(transition.at.sinceOrigin)),
                "check": .string(transition.target.kind.name),
                "target": .string(MetricsLabels.endpoint(transition.target.address, transition.target.port)),
                "from": .string(transition.from.rawValue), "to": .string(transition.to.rawValue),
                "reason": .string(transition.reason),
                "servers": .array(
                    entry.users.map { user in
                        JSONValue.object([
                            "service": serviceKey(user.service),
                            "address": .string(user.server.address.description), "port": .number(user.server.port),
                        ])
                    }),
            ])
        }
        return JSONValue.object([
            "version": .unsigned(JSONDocument.version), "document": .string("events"),
            "cursor": .unsigned(view.events.last), "missed": .bool(missed), "events": .array(items),
        ]).rendered()
    }

    /// A service as lvsadm's documents name one: `family`, then `protocol`, `address` and
    /// `port`, or `fwmark`.
    static func serviceKey(_ id: ServiceID) -> JSONValue {
        var members = [JSONValue.Member("family", .string(JSONNames.familyName(id.family)))]
        switch id {
        case .address(let proto, let address, let port):
            members += [
                JSONValue.Member("protocol", .string(JSONNames.protocolName(proto))),
                JSONValue.Member("address", .string(address.description)), JSONValue.Member("port", .number(port)),
            ]
        case .firewallMark(let mark, _):
            members.append(JSONValue.Member("fwmark", .number(mark)))
        }
        return .object(members)
    }

    static func lastCheck(_ run: ProbeResult, at now: HealthInstant) -> JSONValue {
        var failure: JSONValue = .null
        if case .failed(let reason) = run.outcome { failure = .string(reason.reasonName) }
        return JSONValue.object([
            "passed": .bool(run.outcome.isPass), "result": .string(run.outcome.description), "reason": failure,
            "seconds_ago": .double(seconds(now - run.at)),
            "duration_seconds": run.duration.map { .double(seconds($0)) } ?? .null,
        ])
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds / 1_000_000) / 1e12
    }
}
