// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "waihu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "waihu", targets: ["waihu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .target(name: "WaihuCore"),
        // The SIP user agent (issue 20): messages, SDP, transactions, digest answers, outcomes, G.711 and RTP as pure
        // parts, and the UDP endpoint on SwiftNIO that drives them.
        .target(name: "WaihuSIP", dependencies: [
            "WaihuCore", .product(name: "Crypto", package: "swift-crypto"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
        ]),
        .target(
            name: "WaihuStore",
            dependencies: [
                "WaihuCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "WaihuApp",
            dependencies: [
                "WaihuCore",
                "WaihuStore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "WaihuWeb",
            dependencies: [
                "WaihuCore",
                "WaihuStore",
                "WaihuApp",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "waihu",
            dependencies: [
                "WaihuCore",
                "WaihuStore",
                "WaihuApp",
                "WaihuWeb",
                "WaihuSIP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
        .target(
            name: "BenchmarkSupport",
            dependencies: ["WaihuApp", "WaihuWeb", "WaihuStore", "WaihuCore", .product(name: "Vapor", package: "vapor")],
            path: "Benchmarks/Support"
        ),
        .executableTarget(
            name: "ImportBenchmark",
            dependencies: ["BenchmarkSupport", "WaihuApp", "WaihuWeb", "WaihuStore", .product(name: "Vapor", package: "vapor")],
            path: "Benchmarks/ImportBenchmark"
        ),
        .executableTarget(
            name: "ReservationBenchmark",
            dependencies: ["BenchmarkSupport", "WaihuApp", "WaihuWeb", "WaihuStore", "WaihuCore", .product(name: "Vapor", package: "vapor"),
                           .product(name: "Fluent", package: "fluent"), .product(name: "SQLiteNIO", package: "sqlite-nio"),
                           .product(name: "SQLKit", package: "sql-kit")],
            path: "Benchmarks/ReservationBenchmark"
        ),
        .executableTarget(
            name: "DeskBenchmark",
            dependencies: ["BenchmarkSupport", "WaihuApp", "WaihuWeb", "WaihuStore", "WaihuCore", .product(name: "Vapor", package: "vapor"),
                           .product(name: "Fluent", package: "fluent"), .product(name: "SQLiteNIO", package: "sqlite-nio"),
                           .product(name: "SQLKit", package: "sql-kit")],
            path: "Benchmarks/DeskBenchmark"
        ),
        .executableTarget(
            name: "SIPBenchmark",
            dependencies: ["WaihuSIP", "WaihuCore", .product(name: "NIOPosix", package: "swift-nio")],
            path: "Benchmarks/SIPBenchmark"
        ),
        .executableTarget(
            name: "DashboardBenchmark",
            dependencies: ["BenchmarkSupport", "WaihuApp", "WaihuWeb", "WaihuStore", "WaihuCore", .product(name: "Vapor", package: "vapor")],
            path: "Benchmarks/DashboardBenchmark"
        ),
        // 500 agents through the HTTP API against nodes behind nginx (Benchmarks/floorload.py starts them).
        .executableTarget(name: "FloorLoad", dependencies: [.product(name: "Vapor", package: "vapor")], path: "Benchmarks/FloorLoad"),
        .executableTarget(name: "PolicyBenchmark", dependencies: ["WaihuCore"], path: "Benchmarks/PolicyBenchmark"),
        .executableTarget(name: "PacingBenchmark", dependencies: ["WaihuCore"], path: "Benchmarks/PacingBenchmark"),
        .executableTarget(name: "QualityBenchmark", dependencies: ["WaihuCore"], path: "Benchmarks/QualityBenchmark"),
        .executableTarget(
            name: "MetricsBenchmark",
            dependencies: ["BenchmarkSupport", "WaihuApp", "WaihuWeb", "WaihuStore", "WaihuCore", .product(name: "Vapor", package: "vapor"),
                           .product(name: "SQLKit", package: "sql-kit")],
            path: "Benchmarks/MetricsBenchmark",
            exclude: ["duckdb_metrics.py"]
        ),
        .testTarget(name: "WaihuCoreTests", dependencies: ["WaihuCore"]),
        .testTarget(name: "WaihuSIPTests", dependencies: [
            "WaihuSIP", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(
            name: "WaihuStoreTests",
            dependencies: [
                "WaihuCore", "WaihuStore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
        .testTarget(
            name: "WaihuWebTests",
            dependencies: [
                "WaihuWeb", "WaihuApp", "WaihuStore", "WaihuCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
