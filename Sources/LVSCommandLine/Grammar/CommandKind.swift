/// The commands of the command line: the first option of every invocation must be one.
///
/// The cases up to `zero` are the columns of ipvsadm's command-by-option matrix, in its
/// order; `help` and `version` end parsing at once and are not in the matrix.
public enum CommandKind: Int, CaseIterable, Hashable, Sendable {
    case addService, editService, deleteService, flush, list
    case addServer, deleteServer, editServer
    case setTimeouts, startDaemon, stopDaemon, restore, save, zero
    case help, version

    /// The name ipvsadm's messages use (`cmdnames[]`), e.g. "Illegal 'numeric' option
    /// with the 'add-service' command".
    public var messageName: String {
        switch self {
        case .addService: "add-service"
        case .editService: "edit-service"
        case .deleteService: "delete-service"
        case .flush: "flush"
        case .list: "list"
        case .addServer: "add-server"
        case .deleteServer: "delete-server"
        case .editServer: "edit-server"
        case .setTimeouts: "set"
        case .startDaemon: "start-daemon"
        case .stopDaemon: "stop-daemon"
        case .restore: "restore"
        case .save: "save"
        case .zero: "zero"
        case .help: "help"
        case .version: "version"
        }
    }

    /// The column of this command in the option matrix; nil for help and version.
    public var matrixColumn: Int? {
        switch self {
        case .help, .version: nil
        default: rawValue
        }
    }

    /// The commands that have a matrix column, in column order.
    public static let matrixColumns: [CommandKind] = allCases.filter { $0.matrixColumn != nil }
}
