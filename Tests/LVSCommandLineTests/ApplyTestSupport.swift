import IPVSKit
import IPVSTesting
import LVSCommandLine

/// An `ApplyHost` in memory: files in a dictionary, a clock that moves only when slept.
final class MemoryHost: ApplyHost {
    var files: [String: [UInt8]] = [:]
    var variables: [String: String] = [:]
    var clock = 1_000_000.0
    private(set) var locks: [String] = []
    private(set) var sleeps: [Double] = []
    /// Called on each sleep, so a test can change the scripted table while a drain waits.
    var onSleep: () -> Void = {}

    final class Held: HeldLock {
        var released = false
        func release() { released = true }
    }

    func readFile(_ path: String) throws(HostError) -> [UInt8] {
        guard let bytes = files[path] else { throw HostError("\(path): No such file or directory", isMissing: true) }
        return bytes
    }
    func writeFile(_ path: String, _ bytes: [UInt8]) throws(HostError) { files[path] = bytes }
    func makeDirectory(_ path: String) throws(HostError) {}
    func removeFile(_ path: String) { files[path] = nil }
    func lock(_ path: String) throws(HostError) -> any HeldLock {
        locks.append(path)
        return Held()
    }
    func environment(_ name: String) -> String? { variables[name] }
    func now() -> Double { clock }
    func sleep(seconds: Double) {
        sleeps.append(seconds)
        clock += seconds
        onSleep()
    }

    func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }
}

func runApply(
    _ arguments: [String], client: ScriptedIPVSClient, host: MemoryHost = MemoryHost(), input: String = ""
) -> Run {
    let output = CapturedOutput()
    let status = Program(
        programName: "lvsadm", resolver: TableResolver(), output: output, input: ChunkedInput(input),
        connect: { client }, host: host
    ).run(arguments)
    return Run(status: status, output: output)
}

/// States a live table on the scripted client.
func script(_ client: ScriptedIPVSClient, _ services: [(VirtualService, [RealServer])]) {
    client.servicesTable = services.map { ServiceEntry(service: $0.0) }
    client.realServersTable = Dictionary(
        uniqueKeysWithValues: services.map { ($0.0.id, $0.1.map { RealServerEntry(server: $0) }) })
}
