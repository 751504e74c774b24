import IPVSKit

/// The kernel connection, opened only when a command needs it, so that `-h`, `-v` and
/// usage errors work on a host without IPVS.
final class KernelConnection {
    /// Why the connection could not be made, ready for ipvsadm's message.
    struct ConnectFailure: Error {
        let text: String

        /// ipvsadm's two lines (exit status 2).
        var message: String {
            "Can't initialize ipvs: \(text)\nAre you sure that IP Virtual Server is built in the kernel or as module?"
        }
    }

    private let connect: () throws -> any IPVSClient
    private let loadModule: () -> Bool
    private var connected: (client: any IPVSClient, info: IPVSInfo)?

    /// - Parameter loadModule: tried once when connecting fails (ipvsadm runs
    ///   `/sbin/modprobe -- ip_vs`); true if it worked, and connecting is tried again.
    init(connect: @escaping () throws -> any IPVSClient, loadModule: @escaping () -> Bool = { false }) {
        self.connect = connect
        self.loadModule = loadModule
    }

    /// The client, connecting on first use. Like ipvsadm's `ipvs_init`, the connection is
    /// proven with `IPVS_CMD_GET_INFO`, which also needs the privilege every command does.
    func client() throws(ConnectFailure) -> any IPVSClient {
        try open().client
    }

    /// What GET_INFO said when connecting (for the `-L` header).
    func info() throws(ConnectFailure) -> IPVSInfo {
        try open().info
    }

    private func open() throws(ConnectFailure) -> (client: any IPVSClient, info: IPVSInfo) {
        if let connected { return connected }
        do {
            connected = try attempt()
        } catch {
            guard loadModule() else { throw ConnectFailure(text: KernelMessages.describe(error)) }
            do {
                connected = try attempt()
            } catch {
                throw ConnectFailure(text: KernelMessages.describe(error))
            }
        }
        guard let connected else { throw ConnectFailure(text: "not connected") }
        return connected
    }

    private func attempt() throws -> (client: any IPVSClient, info: IPVSInfo) {
        let client = try connect()
        return (client, try client.info())
    }
}
