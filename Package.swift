// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "lvsadm",
    products: [
        .executable(name: "lvsadm", targets: ["lvsadm"]),
        // The typed kernel client on its own, for other Swift programs.
        .library(name: "IPVSKit", targets: ["IPVSKit", "IPVSNetlink"]),
        .executable(name: "lvsadmd", targets: ["lvsadmd"]),
    ],
    // Only lvsadmd uses these: lvsadm depends on none of them, so it stays a small static
    // binary with no package beyond the standard library.
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // MARK: Packages: swift-nio and swift-nio-ssl, for lvsadmd's prober (LVSProbes)
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // MARK: Packages: Hummingbird, for lvsadmd's HTTP view of the director (LVSWeb)
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // MARK: C: libnl and the thin, IPVS-agnostic shim over it
        .systemLibrary(
            name: "CNetlink",
            pkgConfig: "libnl-genl-3.0",
            providers: [.apt(["libnl-3-dev", "libnl-genl-3-dev"])]
        ),
        .target(name: "CIPVSShim", dependencies: ["CNetlink"]),
        // epoll and eventfd for lvsadmd's connect checks (headers only: no C code).
        .systemLibrary(name: "CLinuxEvents"),

        // MARK: Swift: model, real backend, command line
        .target(name: "IPVSKit"),
        .target(name: "IPVSNetlink", dependencies: ["IPVSKit", "CIPVSShim", "CNetlink"]),
        .target(name: "LVSCommandLine", dependencies: ["IPVSKit"]),
        .executableTarget(name: "lvsadm", dependencies: ["LVSCommandLine", "IPVSNetlink", "NetworkNamespace"]),
        // `--netns`, shared by lvsadm and lvsadmd; CIPVSShim for setns, which Swift's Glibc
        // module does not show.
        .target(name: "NetworkNamespace", dependencies: ["CIPVSShim", "LVSCommandLine"]),

        // MARK: Swift: lvsadmd's pure core (no I/O)
        // Checks, the per-target health state machine and the desired table.
        .target(name: "LVSHealth", dependencies: ["IPVSKit"]),
        // Its configuration files; a target of its own so that LVSHealth does not depend on
        // the command-line parser, which reads the ipvsadm lines of both formats.
        .target(name: "LVSConfig", dependencies: ["LVSHealth", "LVSCommandLine", "IPVSKit"]),

        // MARK: Swift: lvsadmd, the daemon around that core
        // The loop: start, health, reconcile, reload, drift, stop, state file, control socket.
        .target(
            name: "LVSDaemon",
            dependencies: [
                "LVSHealth", "LVSConfig", "LVSCommandLine", "IPVSKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The director seen over HTTP: /metrics, the status page and the JSON API. The
        // documents and the page are pure functions of a snapshot (LVSWeb's Rendering/);
        // only Server/ knows Hummingbird.
        .target(
            name: "LVSWeb",
            dependencies: [
                "LVSDaemon", "LVSConfig", "LVSHealth", "LVSCommandLine", "IPVSKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "lvsadmd",
            dependencies: [
                "LVSDaemon", "LVSConfig", "LVSHealth", "LVSProbes", "IPVSNetlink", "NetworkNamespace", "LVSWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: Swift: lvsadmd's prober (swift-nio)
        // The probes and their scheduler behind LVSHealth's ProbeRunning, on NIO's event loops.
        .target(
            name: "LVSProbes",
            dependencies: [
                "LVSHealth", "IPVSKit", "CLinuxEvents",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),

        // MARK: Test support and tests
        .target(name: "IPVSTesting", dependencies: ["IPVSKit"]),
        // The fuzz targets' logic, which `swift test` replays on every committed seed, and
        // its executable: built by `swift build` as a replayer, by Scripts/fuzz with
        // libFuzzer (see its main.swift).
        .target(name: "LVSFuzzing", dependencies: ["LVSCommandLine", "IPVSNetlink", "IPVSKit", "CNetlink"]),
        .executableTarget(name: "lvsadm-fuzz", dependencies: ["LVSFuzzing"]),
        .testTarget(name: "IPVSKitTests", dependencies: ["IPVSKit", "IPVSTesting"]),
        .testTarget(
            name: "LVSHealthTests",
            dependencies: ["LVSHealth", "LVSConfig", "LVSCommandLine", "IPVSKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "IPVSNetlinkTests",
            dependencies: ["IPVSNetlink", "IPVSKit", "IPVSTesting"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "LVSDaemonTests",
            dependencies: [
                "LVSDaemon", "LVSHealth", "LVSConfig", "IPVSKit", "IPVSTesting",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "LVSWebTests",
            dependencies: [
                "LVSWeb", "LVSDaemon", "LVSHealth", "IPVSKit", "IPVSTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "LVSProbesTests",
            dependencies: [
                "LVSProbes", "LVSHealth", "IPVSKit",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "LVSFuzzingTests", dependencies: ["LVSFuzzing"], resources: [.copy("Corpus")]),
        .testTarget(
            name: "LVSCommandLineTests",
            dependencies: ["LVSCommandLine", "IPVSTesting", "IPVSKit"],
            resources: [.copy("Golden")]
        ),

        // The real-kernel suite: an executable run inside the micro-VM (Scripts/vm).
        .executableTarget(
            name: "lvsadm-kernel-suite",
            dependencies: ["IPVSNetlink", "IPVSKit"],
            path: "Tests/VM/KernelSuite"
        ),
    ]
)
