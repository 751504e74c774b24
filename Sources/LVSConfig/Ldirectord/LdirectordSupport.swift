/// What lvsadmd does with each ldirectord setting: read it, read it with a warning that it
/// has no effect, or refuse the file with a message naming it. One table, so a test can
/// walk it and no setting is forgotten.
enum LdirectordSupport {
    enum Handling: Equatable {
        case read
        /// Read and ignored: it does not change the table; the text says what to do instead.
        case ignored(String)
        /// The file is refused: lvsadmd cannot do what the setting asks.
        case refused(String)
    }

    static let global: [String: Handling] = [
        "checktimeout": .read, "negotiatetimeout": .read, "checkinterval": .read, "failurecount": .read,
        "fallback": .read, "fallback6": .read, "quiescent": .read, "cleanstop": .read, "readdquiescent": .read,
        "fork": .read,
        "logfile": .ignored("lvsadmd logs to standard error (the journal under systemd)"),
        "supervised": .ignored("lvsadmd always runs in the foreground"),
        "autoreload": .ignored("reload lvsadmd with SIGHUP (systemctl reload lvsadmd)"),
        "checkcount": .ignored("it applies to ping checks only; use failurecount"),
        "emailalert": .ignored(noMail), "emailalertfreq": .ignored(noMail), "emailalertstatus": .ignored(noMail),
        "emailalertfrom": .ignored(noMail), "smtp": .ignored(noMail),
        "callback": .refused("lvsadmd runs no command when its file changes"),
        "execute": .refused("lvsadmd does not start other instances; run one lvsadmd per file"),
        "fallbackcommand": .refused("lvsadmd does not run a command when a sorry server comes or goes"),
        "maintenancedir": .refused("use lvsadmd's maintenance command instead of maintenance files"),
        "timeout": .refused("ldirectord itself replaced it by checktimeout and negotiatetimeout"),
        "connecttimeout": .refused("ldirectord itself replaced it by negotiatetimeout"),
    ]

    static let virtual: [String: Handling] = [
        "real": .read, "real6": .read, "request": .read, "receive": .read, "checktype": .read, "checkcommand": .read,
        "checktimeout": .read, "negotiatetimeout": .read, "failurecount": .read, "checkinterval": .read,
        "checkport": .read, "scheduler": .read, "persistent": .read, "netmask": .read, "protocol": .read,
        "service": .read, "httpmethod": .read, "virtualhost": .read, "fallback": .read, "fallback6": .read,
        "quiescent": .read, "cleanstop": .read, "ops": .read, "schedflags": .read,
        "checkcount": .ignored("it applies to ping checks only; use failurecount"),
        "emailalert": .ignored(noMail), "emailalertfreq": .ignored(noMail), "emailalertstatus": .ignored(noMail),
        "smtp": .ignored(noMail),
        "monitorfile": .ignored("lvsadmd logs every transition to standard error"),
        "servicename": .ignored("it names the service in e-mail, which lvsadmd does not send"),
        "comment": .ignored("it describes the service in e-mail, which lvsadmd does not send"),
        "login": .refused(otherServices), "passwd": .refused(otherServices), "database": .refused(otherServices),
        "secret": .refused(otherServices),
        "load": .refused("load-based weights are not supported"),
        "fallbackcommand": .refused("lvsadmd does not run a command when a sorry server comes or goes"),
        "connecttimeout": .refused("ldirectord itself replaced it by negotiatetimeout"),
    ]

    static let noMail = "lvsadmd sends no e-mail; watch its transition log lines"
    static let otherServices =
        "it is used only by service checks lvsadmd does not support (ftp, imap, ldap, mysql, ...)"

    /// The `service =` values lvsadmd checks; the others are refused by name.
    static let services: Set<String> = ["http", "https", "simpletcp", "none"]
    /// ldirectord's other services, refused with a message rather than "unknown".
    static let otherServiceNames: Set<String> = [
        "dns", "ftp", "http_proxy", "imap", "imaps", "ldap", "ldaps", "mysql", "nntp", "oracle", "pgsql", "pop",
        "pops", "radius", "sip", "smtp", "submission",
    ]

    /// ldirectord's default `service` for a virtual port (none for any other port).
    static func defaultService(port: UInt16) -> String {
        switch port {
        case 21: "ftp"
        case 25: "smtp"
        case 53: "dns"
        case 80: "http"
        case 110: "pop"
        case 119: "nntp"
        case 143: "imap"
        case 389: "ldap"
        case 443: "https"
        case 587: "submission"
        case 636: "ldaps"
        case 993: "imaps"
        case 995: "pops"
        case 1521: "oracle"
        case 1812: "radius"
        case 3128: "http_proxy"
        case 3306: "mysql"
        case 5060: "sip"
        case 5432: "pgsql"
        default: "none"
        }
    }

    /// The port a check of `service` goes to when neither checkport nor the real server
    /// gives one (a firewall-mark service).
    static func servicePort(_ service: String) -> UInt16? {
        switch service {
        case "http": 80
        case "https": 443
        default: nil
        }
    }
}
