import IPVSKit

/// Reading `-b flag,flag`, with the scheduler that is finally chosen.
enum SchedulerFlagsText {
    /// Words are read left to right and the first bad one is reported; empty words
    /// (`,sh-port`, `sh-port,,sh-fallback`) are skipped. `flag-1..3` go with any
    /// scheduler; `sh-*` only with `sh`, `mh-*` only with `mh`.
    static func parse(_ text: String, scheduler: String) throws(CommandLineError) -> ServiceFlags {
        // An empty argument means no flags, as in ipvsadm: a script may pass an empty
        // variable (`-b "$FLAGS"`). The option still counts as given (`-L -b ''` is refused).
        if text.isEmpty { return [] }
        let words = text.split(separator: ",")
        // Commas alone (`-b ,`) make ipvsadm read a null pointer and die of SIGSEGV;
        // refusing them is the nearest defined behaviour.
        guard !words.isEmpty else { throw .invalid("invalid scheduler flag `'") }
        var flags: ServiceFlags = []
        for word in words {
            let (flag, onlyFor): (ServiceFlags, String?) =
                switch word {
                case "flag-1": (.scheduler1, nil)
                case "flag-2": (.scheduler2, nil)
                case "flag-3": (.scheduler3, nil)
                case "sh-fallback": (.shFallback, "sh")
                case "sh-port": (.shPort, "sh")
                case "mh-fallback": (.mhFallback, "mh")
                case "mh-port": (.mhPort, "mh")
                default: throw .invalid("invalid scheduler flag `\(word)'")
                }
            if let onlyFor, onlyFor != scheduler { throw .invalid("incompatible scheduler flag `\(word)'") }
            flags.insert(flag)
        }
        return flags
    }
}
