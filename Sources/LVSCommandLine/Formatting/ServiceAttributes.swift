import IPVSKit

/// The parts of a service that `-L` and `-S` both print, in the words both use.
enum ServiceAttributes {
    /// The scheduler flags as a comma list: `sh-fallback,sh-port` for `sh`, `mh-...` for
    /// `mh`, `flag-1,flag-2,flag-3` for any other scheduler.
    ///
    /// For `sh` and `mh` the third flag has no name and is left out, so a service with only
    /// that flag gives an empty list (`-L` then prints ` ()`, `-S` prints ` -b `).
    static func schedulerFlagList(_ service: VirtualService) -> String {
        let names: [(ServiceFlags, String)] =
            switch service.scheduler {
            case "sh": [(.scheduler1, "sh-fallback"), (.scheduler2, "sh-port")]
            case "mh": [(.scheduler1, "mh-fallback"), (.scheduler2, "mh-port")]
            default: [(.scheduler1, "flag-1"), (.scheduler2, "flag-2"), (.scheduler3, "flag-3")]
            }
        return names.filter { service.flags.contains($0.0) }.map(\.1).joined(separator: ",")
    }

    /// Whether any scheduler flag is set, named or not: that, not the list being
    /// non-empty, decides whether the flags part is printed at all.
    static func hasSchedulerFlags(_ service: VirtualService) -> Bool {
        !service.flags.isDisjoint(with: ServiceFlags.schedulerFlags)
    }

    /// The persistence granularity as ipvsadm prints it, or `nil` when it is one host.
    ///
    /// ipvsadm keeps the netmask as one 32-bit number and reads it by the *service's*
    /// family: a dotted quad for IPv4 (shown unless 255.255.255.255), a signed prefix
    /// length for IPv6 (shown unless 128).
    static func persistenceMask(_ service: VirtualService) -> String? {
        let raw: UInt32 =
            switch service.netmask {
            case .ipv4(let mask): mask.value
            case .ipv6(let length): length
            }
        if service.id.family == .inet6 {
            return raw == 128 ? nil : PrintfPadding.signed(raw)
        }
        return raw == 0xffff_ffff ? nil : IPv4Address(raw).description
    }

    /// The persistence engine name, when there is one.
    static func persistenceEngine(_ service: VirtualService) -> String? {
        guard let name = service.persistenceEngine, !name.isEmpty else { return nil }
        return name
    }

    /// The protocol whose names the service's ports (and its real servers' ports) are
    /// looked up under; fwmark services have none.
    static func namingProtocol(_ id: ServiceID) -> IPProtocol? {
        if case .address(let proto, _, _) = id { return proto }
        return nil
    }
}
