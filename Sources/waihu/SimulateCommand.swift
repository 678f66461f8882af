import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuWeb

/// `waihu simulate`: a day of the dialer, the simulated telephone network and simulated agents on
/// a virtual clock; prints the day's figures and, with `--store`, writes its calls and agent states.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a day of outbound calling (模拟外呼) and print calls, abandon rate, occupancy and more.",
        discussion: "Runs in seconds of real time for a day of virtual time. Same seed, same day.")

    @Option(help: "Agents logged in all day (1–2000).") var agents: Int = 20
    @Option(help: "Length of the day in hours.") var hours: Double = 8
    @Option(help: "preview, progressive, predictive, or vicidial (VICIdial's ADAPT_AVERAGE, for comparison).") var mode: String = "predictive"
    @Option(name: .customLong("answer-rate"), help: "Share of dials a person answers (0–0.8).") var answerRate: Double = 0.3
    @Option(name: .customLong("answer-by-hour"), help: "Answer-rate factors by local hour, e.g. 9=0.8,12=0.6,19=1.3 (the day starts at 09:00).")
    var answerByHour: String?
    @Option(name: .customLong("vacant-rate"), help: "Share of dials to vacant numbers (空号), from the data's quality.") var vacantRate: Double = 0.04
    @Option(name: .customLong("suspended-rate"), help: "Share of dials to suspended numbers (停机).") var suspendedRate: Double = 0.02
    @Option(name: .customLong("talk-mean"), help: "Mean talk time, seconds.") var talkMean: Double = 180
    @Option(name: .customLong("acw-mean"), help: "Mean after-call work, seconds.") var acwMean: Double = 30
    @Option(name: .customLong("abandon-target"), help: "Abandon-rate cap per day (0.03 = 3%).") var abandonTarget: Double = 0.03
    @Option(name: .customLong("ring-timeout"), help: "Seconds of ringing before no answer is declared (15–120).") var ringTimeout: Double = 30
    @Option(help: "Breaks (示忙) per agent per day.") var breaks: Int = 0
    @Option(name: .customLong("break-minutes"), help: "Mean length of a break.") var breakMinutes: Double = 15
    @Option(help: "Seed of the random source.") var seed: UInt64 = 1
    @Option var format: OutputFormat = .text
    @Flag(help: "Write the day's call attempts and agent state intervals into the database.") var store = false
    @Option(help: "With --store: the project the day's calls belong to.") var project: String?
    @Option(help: "With --store: the local date of the day (default today in the project's time zone).") var date: String?
    @OptionGroup var db: DatabaseOptions

    func validate() throws {
        if store, project == nil { throw ValidationError("--store needs --project CODE") }
        if !store, project != nil || date != nil { throw ValidationError("--project and --date go with --store") }
        if let date, LocalDate(date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
    }

    func settings() throws -> SimulationSettings {
        var settings = SimulationSettings(mode: try DialMode.parse(mode), agents: agents, hours: hours, answerRate: answerRate, seed: seed)
        settings.network.talkMean = talkMean
        settings.network.vacantRate = vacantRate
        settings.network.suspendedRate = suspendedRate
        if let answerByHour { settings.network.answerRateByHour = try Self.hourlyFactors(answerByHour) }
        settings.behaviour.wrapUpMean = acwMean
        settings.behaviour.breaksPerDay = breaks
        settings.behaviour.breakMinutes = breakMinutes
        settings.pacing.abandonTarget = abandonTarget
        settings.pacing.ringTimeout = ringTimeout
        return try settings.validated()
    }

    /// `9=0.8,12=0.6` → [9: 0.8, 12: 0.6].
    static func hourlyFactors(_ text: String) throws -> [Int: Double] {
        var factors: [Int: Double] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let hour = Int(parts[0].trimmingCharacters(in: .whitespaces)),
                  let factor = Double(parts[1].trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--answer-by-hour takes HOUR=FACTOR pairs separated by commas, e.g. 9=0.8,12=0.6; '\(pair)' is not one")
            }
            factors[hour] = factor
        }
        return factors
    }

    func run() async throws {
        let day = DialerSimulation.run(try settings())
        let summary = SimulationSummary(day)
        var stored: SimulationService.Stored?
        if store, let project {
            stored = try await db.withStore { store in
                try await SimulationService.store(day, project: try await store.project(project), date: date.flatMap(LocalDate.init),
                                                  by: store.caller, at: store.now, on: store.db)
            }
        }
        if format == .json {
            try printJSON(SimulationOutput(summary: summary, stored: stored))
        } else {
            print(SimulationText.render(summary))
            if let stored {
                print("stored / 已写入: \(stored.attempts) attempts, \(stored.intervals) state intervals, project \(stored.project), \(stored.date)")
            }
        }
    }
}

/// The JSON `waihu simulate` prints: the figures, and what `--store` wrote.
struct SimulationOutput: Encodable {
    var summary: SimulationSummary
    var stored: SimulationService.Stored?

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        if let stored { try container.encode(stored, forKey: .stored) }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        static let stored = Key(stringValue: "stored")
    }
}

enum SimulationText {
    static func render(_ s: SimulationSummary) -> String {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.2f%%", $0 * 100) } ?? "-" }
        func number(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "-" }
        let rows: [(String, String)] = [
            ("模式 mode", s.mode), ("坐席 agents", "\(s.agents)"), ("时长 hours", number(s.hours)), ("种子 seed", "\(s.seed)"),
            ("外拨次数 calls", "\(s.calls)"), ("人工接听 answered (person)", "\(s.answered_human)"),
            ("答录机 answered (machine)", "\(s.answered_machine)"), ("接通坐席 connected", "\(s.connected)"),
            ("放弃 abandoned", "\(s.abandoned)"), ("放弃率 abandon rate", percent(s.abandon_rate)),
            ("占用率 occupancy", percent(s.occupancy)),
            ("每坐席小时通话分钟 talk min / agent hour", number(s.talk_minutes_per_agent_hour)),
            ("每坐席小时空闲分钟 idle min / agent hour", number(s.idle_minutes_per_agent_hour)),
            ("每坐席线路 lines / agent", number(s.lines_per_agent)),
        ]
        // Chinese characters take two columns on a terminal.
        func columns(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) } }
        let width = rows.map { columns($0.0) }.max() ?? 0
        return rows.map { $0.0 + String(repeating: " ", count: width + 2 - columns($0.0)) + $0.1 }.joined(separator: "\n")
    }
}
