import Testing
import WaihuApp

/// Kept figures stay for their keep, whatever the minutes of the figures kept beside them.
@Suite struct KeptFiguresTests {
    @Test func aFarMinuteKeptBesideDoesNotDropTheOthers() async {
        let kept = KeptFigures<Int>()
        // Early July and early December 2026, as two tests on simulated days put them in one process.
        await kept.put("july", minute: 29_720_000, 1)
        await kept.put("december", minute: 29_940_000, 2)
        #expect(await kept.get("july")?.value == 1)
        #expect(await kept.get("december")?.value == 2)
    }

    @Test func figuresNotCountedAgainWithinTheirKeepGo() async throws {
        let kept = KeptFigures<Int>(keep: .milliseconds(50))
        await kept.put("old", minute: 1, 1)
        try await Task.sleep(for: .milliseconds(120))
        await kept.put("new", minute: 2, 2)
        #expect(await kept.get("old") == nil)
        #expect(await kept.get("new")?.value == 2)
    }
}
