// swift-tools-version:6.2
// Plumbline: a posture coach for Linux single-board computers.
// Module layout and data flow: see DESIGN notes in README.md ("Architecture").
import PackageDescription

let package = Package(
    name: "Plumbline",
    products: [
        .executable(name: "plumbline", targets: ["plumbline"]),
        .library(name: "Tilt", targets: ["Tilt"]),
        .library(name: "Posture", targets: ["Posture"]),
        .library(name: "Coach", targets: ["Coach"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // libi2c (Debian libi2c-dev) plus static inline ioctl shims.
        .systemLibrary(
            name: "CI2C",
            path: "Sources/CI2C",
            providers: [.apt(["libi2c-dev"])]
        ),
        // I2CBus protocol, LinuxI2CBus over libi2c, typed I2CError.
        .target(
            name: "I2C",
            dependencies: [
                "CI2C",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Chip drivers behind one protocol; register maps and scale tables as data.
        .target(name: "IMU", dependencies: ["I2C"]),
        // The DRV2605L haptic driver and its vibration patterns: an output, not an IMU (it shares the
        // register helpers and the chip identification of IMU).
        .target(name: "Haptics", dependencies: ["I2C", "IMU"]),
        // Register-level chip emulators, fault injection, scripted fake bus.
        .target(
            name: "IMUEmulators",
            dependencies: ["IMU", "Haptics", "I2C", .product(name: "SystemPackage", package: "swift-system")]
        ),
        // Pure core: no Foundation, no I/O, no clock (also builds in Embedded Swift).
        .target(name: "Tilt"),
        .target(name: "Posture", dependencies: ["Tilt"]),
        // Slump detector, exercise catalog and verification, alert policy, AlertSink protocol (pure).
        .target(name: "Coach", dependencies: ["Posture", "Tilt"], exclude: ["README.md"]),
        // Alert sinks that do I/O: terminal, JSON lines, command hook, haptic, multiplexer.
        .target(name: "Alerts", dependencies: ["Coach", "Haptics"]),
        // Log formats: native recordings and the xio Fusion CSV layout.
        .target(name: "SensorLog", exclude: ["FORMAT.md"]),
        // Test and benchmark helper: writes a patterned log until killed, or reads one and prints its peak RSS.
        .executableTarget(name: "sensorlog-probe", dependencies: ["SensorLog"]),
        // The replay's whole per-row path for callgrind (scripts/bench); not a user command.
        .executableTarget(name: "replay-probe", dependencies: ["Monitor", "Posture"]),
        // The configuration file: YAML read with Yams, validated key by key.
        .target(
            name: "Configuration",
            dependencies: ["IMU", "Posture", "Tilt", "Coach", .product(name: "Yams", package: "Yams")]
        ),
        // The history store: SQLite through GRDB (per-interval aggregates, events, sessions, calibrations)
        // and the report's sums over it.
        .target(name: "History", dependencies: ["Coach", "Posture", "Tilt", .product(name: "GRDB", package: "GRDB.swift")]),
        // The report's pictures: a day timeline and week bars as SVG (pure, no Foundation, no I/O).
        .target(name: "Charts", dependencies: ["Coach"]),
        // The application layer: sample sources (live FIFO, log replay, simulated wearer), the calibration
        // flow, the session runner (source → pipeline → coach → sinks) with history, recorder and trace taps.
        .target(
            name: "Monitor",
            dependencies: [
                "I2C", "IMU", "Haptics", "IMUEmulators", "Posture", "Tilt", "Coach", "Alerts", "SensorLog", "Configuration", "History",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The parsers of outside input as fuzz targets (scripts/fuzz), and their corpus replay.
        .target(
            name: "ParserFuzzing",
            dependencies: ["Configuration", "SensorLog", "Posture", "Tilt"]
        ),
        // Declares libFuzzer's driver, which plumbline-fuzz calls from its own main when built to fuzz.
        .target(name: "CLibFuzzer"),
        .executableTarget(name: "plumbline-fuzz", dependencies: ["ParserFuzzing", "CLibFuzzer"]),
        .executableTarget(
            name: "plumbline",
            dependencies: [
                "I2C", "IMU", "Haptics", "IMUEmulators", "Tilt", "Posture", "SensorLog", "Monitor", "Configuration", "Coach", "Alerts", "History", "Charts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "I2CTests", dependencies: ["I2C", "CI2C", "IMUEmulators"]),
        // Runs the built `plumbline` binary as a user would.
        .testTarget(name: "CLITests", dependencies: ["plumbline", "IMUEmulators", "Posture", "Tilt", "Configuration", "History"]),
        .testTarget(name: "IMUTests", dependencies: ["IMU", "IMUEmulators", "I2C"]),
        .testTarget(name: "HapticsTests", dependencies: ["Haptics", "IMU", "IMUEmulators", "I2C"]),
        .testTarget(name: "TiltTests", dependencies: ["Tilt"]),
        .testTarget(name: "PostureTests", dependencies: ["Posture", "Tilt"]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "Coach", "IMU", "Posture", "Tilt"]),
        .testTarget(name: "MonitorTests", dependencies: ["Monitor", "IMUEmulators", "IMU", "Posture", "Coach", "Tilt", "Configuration", "SensorLog", "History"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Coach"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Coach", "Posture", "Tilt", "IMUEmulators", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SensorLogTests", dependencies: ["SensorLog", "sensorlog-probe"]),
        .testTarget(name: "CoachTests", dependencies: ["Coach", "Posture", "Tilt", "IMUEmulators"]),
        .testTarget(name: "AlertsTests", dependencies: ["Alerts", "Coach", "Haptics", "IMU", "IMUEmulators"]),
        .testTarget(name: "ParserFuzzingTests", dependencies: ["ParserFuzzing", "Configuration", "SensorLog", "Posture", "Tilt"]),
    ]
)
