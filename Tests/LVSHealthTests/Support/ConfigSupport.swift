import Foundation
import IPVSKit
import LVSConfig
import LVSHealth
import Testing

func readConfig(_ text: String, file: String = "test.conf") throws(ConfigProblems) -> LoadedConfiguration {
    try ConfigReader(resolver: FixedResolver()).read(text, file: file)
}

/// The messages a file gets, `FILE:LINE: message` each; empty if it reads.
func problems(_ text: String, file: String = "test.conf") -> [String] {
    do {
        _ = try readConfig(text, file: file)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

/// A committed example configuration.
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return try String(contentsOf: url, encoding: .utf8)
}

extension HealthConfiguration {
    func service(_ id: ServiceID) -> ManagedService? { services.first { $0.service.id == id } }
}

extension ManagedService {
    func target(_ address: IPAddress) -> ProbeTarget? {
        guard case .probe(let target)? = servers.first(where: { $0.server.address == address })?.health else {
            return nil
        }
        return target
    }
}
