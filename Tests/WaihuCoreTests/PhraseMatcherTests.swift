import Foundation
import Testing
@testable import WaihuCore

/// The phrase matcher finds what a naive search of the normalised text finds, and reads through the forms an agent's
/// words are transcribed in; the transcript check names hits and missing courtesy phrases.
@Suite struct PhraseMatcherTests {
    /// Every (phrase, start, end) by the slow route: fold each character, then try every phrase at every position.
    static func naive(_ phrases: [String], _ text: String) -> Set<[Int]> {
        var folded: [(UInt32, Int)] = []   // folded scalar, byte offset of its character
        var offset = 0
        var ends: [Int] = []
        for scalar in text.unicodeScalars {
            let width = String(scalar).utf8.count
            if let value = PhraseMatcher.fold(scalar.value) {
                folded.append((value, offset))
                ends.append(offset + width)
            }
            offset += width
        }
        var found = Set<[Int]>()
        for (index, phrase) in phrases.enumerated() {
            let pattern = PhraseMatcher.normalised(phrase)
            guard !pattern.isEmpty, pattern.count <= folded.count else { continue }
            for start in 0 ... folded.count - pattern.count where (0 ..< pattern.count).allSatisfy({ folded[start + $0].0 == pattern[$0] }) {
                // A match may not run across a character in no phrase; the naive route reads the text as the matcher does.
                found.insert([index, folded[start].1, ends[start + pattern.count - 1]])
            }
        }
        return found
    }

    @Test func itFindsWhatANaiveSearchFinds() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("不行知道你您懂规定意见告去快点明白喂好谢再见，。！ 　ＡaB")
        for _ in 0 ..< 200 {
            let phrases = (0 ..< Int.random(in: 1 ... 12, using: &generator)).map { _ in
                String((0 ..< Int.random(in: 1 ... 4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            }
            let text = String((0 ..< Int.random(in: 0 ... 80, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let matcher = PhraseMatcher(phrases)
            let fast = Set(matcher.hits(in: text).map { [$0.phrase, $0.start, $0.end] })
            // A repeated phrase is reported under its first index only.
            let firsts = Dictionary(phrases.enumerated().map { (PhraseMatcher.normalised($0.element), $0.offset) }, uniquingKeysWith: min)
            let slow = Set(Self.naive(phrases, text).filter { firsts[PhraseMatcher.normalised(phrases[$0[0]])] == $0[0] })
            #expect(fast == slow, "phrases \(phrases), text \(text)")
        }
    }

    @Test func itReadsThroughSpacesPunctuationWidthsAndTheHonorific() {
        let matcher = PhraseMatcher(["不行", "你懂不懂", "ok"])
        let text = "这个 不 行！您懂不懂？ＯＫ"
        let hits = matcher.hits(in: text)
        #expect(hits.map(\.phrase) == [0, 1, 2])
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[hits[0].start ..< hits[0].end], as: UTF8.self) == "不 行")
        #expect(String(decoding: bytes[hits[1].start ..< hits[1].end], as: UTF8.self) == "您懂不懂")
        #expect(matcher.hits(in: "不是行").isEmpty, "a character in no phrase breaks a match")
    }

    @Test func aTranscriptIsCheckedForHitsAndCourtesy() {
        let check = TranscriptCheck(entries: DefaultLexicon.entries)
        let turns = [TranscriptCheck.Turn(startMs: 0, text: "喂，张先生吗"), .init(startMs: 9_000, text: "刚才不是和你说过了吗，怎么还问"),
                     .init(startMs: 20_000, text: "好的")]
        let findings = check.findings(agentTurns: turns)
        #expect(findings.contains { $0.category == .address && $0.startMs == 0 })
        #expect(findings.contains { $0.phrase == "刚才不是和你说过了吗，怎么还问" && $0.category == .example && $0.startMs == 9_000 })
        #expect(findings.filter { $0.category == .missing_courtesy }.count == 2, "no 您好 first, no 再见 or 谢谢 last")
        let polite = check.findings(agentTurns: [.init(startMs: 0, text: "您好，我是宽带客服"), .init(startMs: 5_000, text: "谢谢，再见")])
        #expect(polite.isEmpty)
    }
}
