import IPVSKit

/// What `diff` and `apply --dry-run` say beside the plan, on standard error, so standard
/// output stays lines that `-R` (lvsadm's or ipvsadm's) accepts. Each note starts with
/// `#` and is written just before the line it is about.
enum PlanNotes {
    /// A service whose scheduler is changed in place is left without one for an RCU
    /// grace period (the kernel unbinds the old scheduler, waits, then binds the new
    /// one), and its new connections are refused meanwhile; nothing a tool can order
    /// avoids that, so the plan says it.
    static func before(_ request: IPVSRequest, live: IndexedTable, resolver: any NameResolver) -> String? {
        guard case .editService(let service) = request, let old = live.service(service.id)?.service,
            old.scheduler != service.scheduler
        else { return nil }
        let name = SaveFormat.serviceOption(service.id, numeric: true, resolver: resolver)
        return "# \(name): scheduler \(old.scheduler) -> \(service.scheduler); the kernel refuses new "
            + "connections to this service for a moment while it switches\n"
    }

    /// Between a drain's first step (weight 0) and the removals that follow it.
    static let afterDrain = "# then, once each has no active connection or its drain time is up:\n"
}
