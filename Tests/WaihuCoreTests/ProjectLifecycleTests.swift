import Testing
@testable import WaihuCore

@Suite struct ProjectLifecycleTests {
    let ready = ProjectReadiness(hasScript: true, hasDispositions: true)

    @Test func followsTheSeedLifecycle() throws {
        let path: [ProjectStatus] = [.requirement, .kickoff, .planning, .testCalls, .running, .paused, .running, .closing, .closed]
        for (from, to) in zip(path, path.dropLast().dropFirst() + [.closed]) where from != to {
            try ProjectLifecycle.check(from: from, to: to, readiness: ready)
        }
    }

    @Test func refusesSkippingSteps() {
        #expect(throws: DomainError.self) { try ProjectLifecycle.check(from: .requirement, to: .running, readiness: ready) }
        #expect(throws: DomainError.self) { try ProjectLifecycle.check(from: .closed, to: .running, readiness: ready) }
        #expect(throws: DomainError.self) { try ProjectLifecycle.check(from: .closing, to: .running, readiness: ready) }
    }

    @Test func cannotRunWithoutAScript() {
        let noScript = ProjectReadiness(hasScript: false, hasDispositions: true)
        do {
            try ProjectLifecycle.check(from: .testCalls, to: .running, readiness: noScript)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == "script_missing")
            #expect(error.kind == .ruleRefused)
        }
    }

    @Test func cannotRunWithoutDispositions() {
        let noCodes = ProjectReadiness(hasScript: true, hasDispositions: false)
        #expect(throws: DomainError.self) { try ProjectLifecycle.check(from: .planning, to: .testCalls, readiness: noCodes) }
    }

    @Test func unknownValuesAreRefusedWithTheListOfKnownOnes() {
        do {
            _ = try ProjectType.parse("cold_calling")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message.en.contains("marketing"))
        }
        #expect(throws: DomainError.self) { try Role.parse("boss") }
        #expect((try? Role.parse(" Manager ")) == .manager)
    }

    @Test func projectFieldsAreChecked() {
        #expect(throws: DomainError.self) { try ProjectFields.validateCode("has space") }
        #expect(throws: DomainError.self) { try ProjectFields.validateCode("") }
        #expect(throws: DomainError.self) { try ProjectFields.validateTimeZone("Mars/Olympus") }
        #expect(throws: DomainError.self) { try ProjectFields.validateTarget(-1) }
        #expect((try? ProjectFields.validateCode(" P-2026_01 ")) == "P-2026_01")
    }
}
