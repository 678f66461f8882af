import Foundation
import Testing
@testable import WaihuCore

/// Whether the pinned `phonenumbers` package (libphonenumber's metadata) is there to ask.
let phonenumbersAvailable: Bool = {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import phonenumbers, sys; sys.exit(0 if phonenumbers.__version__ == '9.0.43' else 1)"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
}()

/// Waihu's number validation agrees with libphonenumber on a seeded sample of every mobile prefix,
/// every area code and the 400/800 ranges (`scripts/numbering_plan/sample.py`; `.ci/run` installs the
/// pinned package, `pip install phonenumbers==9.0.43`).
@Suite struct NumberingPlanAgreementTests {
    @Test(.enabled(if: phonenumbersAvailable, "needs python3 with phonenumbers 9.0.43"), arguments: [7, 2026])
    func waihuAgreesWithLibphonenumber(seed: Int) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sampler = Process()
        sampler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sampler.arguments = ["python3", root.appendingPathComponent("scripts/numbering_plan/sample.py").path, String(seed)]
        let output = Pipe()
        sampler.standardOutput = output
        try sampler.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        sampler.waitUntilExit()
        #expect(sampler.terminationStatus == 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        #expect(lines.count > 4_000)
        var disagreements: [String] = []
        for line in lines {
            let parts = line.split(separator: "\t")
            let digits = String(parts[0]), expected = parts[1] == "1"
            let accepted = if case .success = PhoneParser.parse(digits) { true } else { false }
            if accepted != expected { disagreements.append("\(digits) libphonenumber \(expected ? "valid" : "invalid")") }
        }
        let agreement = 1 - Double(disagreements.count) / Double(lines.count)
        #expect(agreement >= 0.995, "agreement \(agreement) on \(lines.count) numbers; first: \(disagreements.prefix(20))")
    }
}
