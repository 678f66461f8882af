import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuWeb

extension ImportCommand {
    /// `waihu import customers --project CODE FILE`.
    struct Customers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a customer list (CSV in UTF-8 or GBK, or XLSX) into a project as one batch.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Project code.") var project: String
        @Argument(help: "CSV or XLSX file.") var file: String
        @Option(help: "For an XLSX workbook, the sheet to read (default: the first).") var sheet: String?
        @Option(help: "JSON object mapping headers to phone, customer_id, name, region, attribute or ignore.") var mapping: String?
        @Option(help: "Write the rejected rows here: line, reason, then the row's own columns.") var rejects: String?
        @Flag(name: .customLong("allow-duplicate-file"), help: "Import a file already imported into this project.") var allowDuplicateFile = false
        @Option var format: OutputFormat = .text

        func run() async throws {
            let rejectsFile = try rejects.map(RejectsFile.init(path:))
            let bar = ProgressBar(label: "import")
            var columns: [String: CustomerColumns.Field] = [:]
            if let mapping {
                guard let data = FileManager.default.contents(atPath: mapping) else { throw CustomerFile.unreadable(mapping) }
                columns = try CustomerColumns.parseMapping(data)
            }
            let outcome = try await db.withStore { store in
                let options = CustomerImportService.Options(
                    fileName: URL(fileURLWithPath: file).lastPathComponent, mapping: columns, sheet: sheet,
                    allowDuplicateFile: allowDuplicateFile, actor: store.actor("batch.import", "batch"), now: store.now,
                    progress: { bar.update($0, of: $1) },
                    onRejected: { lead, header in
                        rejectsFile?.write(line: lead.line, reason: lead.reason ?? lead.rejection!.message, fields: lead.fields, header: header)
                    })
                return try await CustomerImportService.importFile(at: file, into: try await store.project(project), options: options,
                                                                  on: store.db)
            }
            bar.finish()
            try rejectsFile?.close()
            if format == .json {
                try printJSON(outcome.report)
                return
            }
            let r = outcome.report
            print("batch \(outcome.batch_id) (\(outcome.encoding)): \(r.rows) rows, \(r.accepted) accepted, \(r.rejected) rejected")
            for (code, count) in r.rejected_by_reason.sorted(by: { $0.key < $1.key }) {
                let message = ImportRejection(rawValue: code)?.message
                print("  \(code.padding(toLength: 22, withPad: " ", startingAt: 0)) \(count)  \(message?.zh ?? "") / \(message?.en ?? "")")
            }
            let rate = r.dialable_rate.map { String(format: "%.2f%%", $0 * 100) } ?? "-"
            print("account_size \(r.account_size), dialable_numbers \(r.dialable_numbers), dialable_rate \(rate)")
        }
    }

    /// `waihu import dnc FILE`.
    struct DoNotCall: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dnc", abstract: "Add numbers to the do-not-call list (columns phone, optional reason).")
        @OptionGroup var db: DatabaseOptions
        @Argument var file: String
        @Option var format: OutputFormat = .text

        func run() async throws {
            let report = try await db.withStore { store in
                try await DoNotCallService.importFile(at: file, actor: store.actor("dnc.import", "do_not_call"), now: store.now, on: store.db)
            }
            if format == .json { try printJSON(report); return }
            print("do-not-call: \(report.rows) rows, \(report.added) added, \(report.rejected.count) rejected")
            for rejection in report.rejected.prefix(50) { print("  \(rejection.reason.zh) | \(rejection.reason.en)") }
        }
    }
}

/// The rejected rows as a CSV file: `line, reason_zh, reason_en`, then the row's own columns.
final class RejectsFile: @unchecked Sendable {
    private let handle: FileHandle
    private var headerWritten = false
    private let lock = NSLock()

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF])),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("cannot write \(path)")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func write(line: Int, reason: LocalizedText, fields: [String], header: [String]) {
        lock.lock()
        defer { lock.unlock() }
        if !headerWritten {
            headerWritten = true
            handle.write(Data(CSVLine.make(["line", "reason_zh", "reason_en"] + header).utf8))
        }
        handle.write(Data(CSVLine.make([String(line), reason.zh, reason.en] + fields).utf8))
    }

    func close() throws { try handle.close() }
}

/// Progress on a terminal (stderr), nothing when redirected.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled = isatty(2) == 1
    private var lastPercent = -1
    private let lock = NSLock()

    init(label: String) { self.label = label }

    func update(_ done: Int64, of total: Int64) {
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let percent = Int(done * 100 / total)
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 30 - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)%".utf8))
    }

    func finish() {
        if enabled && lastPercent >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
