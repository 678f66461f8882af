import Foundation
import WaihuCore

/// Quality benchmark (issue 17): the forbidden-phrase matcher and the sample's choice, on generated data.
/// 1. 5,000 phrases of 2–8 Chinese characters against 100 MB of generated transcript text (common characters,
///    punctuation and spaces, some phrases planted): MB/s on one core; beside it a naive search — every phrase
///    looked for in the text's bytes one after another (every position of its first byte, compared byte by byte) — on
///    the first 4 MB, as MB/s and the ratio.
/// 2. Choosing a month's sample from 5,000,000 attempts of 200 agents (connected 35%), by the default plan:
///    the seconds the choice takes in memory (the database's part is measured apart when Waihu reads the candidates).
/// usage: QualityBenchmark [megabytes] [phrases] [attempts]
let megabytes = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100 : 100
let phraseCount = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 5_000 : 5_000
let attemptCount = CommandLine.arguments.count > 3 ? Int(CommandLine.arguments[3]) ?? 5_000_000 : 5_000_000

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The same text every run: Waihu's seeded source, with a bounded draw.
extension SeededRandom {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

var random = SeededRandom(seed: 2026)
// 3,000 common characters of the CJK block, and the punctuation a transcript holds.
let characters: [Character] = (0 ..< 3_000).map { Character(Unicode.Scalar(0x4E00 + UInt32($0) * 7)!) }
let punctuation: [Character] = ["，", "。", "？", "！", " ", "、"]
var phrases: [String] = []
for _ in 0 ..< phraseCount {
    phrases.append(String((0 ..< 2 + random.below(7)).map { _ in characters[random.below(characters.count)] }))
}
var text = ""
text.reserveCapacity(megabytes << 20)
var planted = 0
while text.utf8.count < megabytes << 20 {
    if random.below(50) == 0 {
        text += phrases[random.below(phrases.count)]
        planted += 1
    } else {
        text.append(characters[random.below(characters.count)])
    }
    if random.below(12) == 0 { text.append(punctuation[random.below(punctuation.count)]) }
}
let bytes = Double(text.utf8.count) / 1_048_576

var start = ContinuousClock.now
let matcher = PhraseMatcher(phrases)
print(String(format: "matcher built for %d phrases in %.2f s", phrases.count, seconds(since: start)))
start = ContinuousClock.now
let hits = matcher.hits(in: text)
let fast = seconds(since: start)
print(String(format: "Aho–Corasick: %.1f MB in %.2f s = %.1f MB/s, %d hits (%d phrases planted)", bytes, fast, bytes / fast, hits.count, planted))

// The naive route on the first 4 MB: for each phrase, every position where its first byte is, compared byte by byte.
let sliceBytes = min(text.utf8.count, 4 << 20)
let slice = Array(text.utf8.prefix(sliceBytes))
start = ContinuousClock.now
var naiveHits = 0
slice.withUnsafeBufferPointer { haystack in
    for phrase in phrases {
        let needle = Array(phrase.utf8)
        guard let first = needle.first, needle.count <= haystack.count else { continue }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first {
                var same = true
                for offset in 1 ..< needle.count where haystack[index + offset] != needle[offset] { same = false; break }
                if same { naiveHits += 1 }
            }
            index += 1
        }
    }
}
let naive = seconds(since: start)
let naiveRate = Double(sliceBytes) / 1_048_576 / naive
print(String(format: "naive search phrase by phrase: %.1f MB in %.2f s = %.2f MB/s (%d hits, punctuation not skipped); Aho–Corasick is %.0f× faster",
             Double(sliceBytes) / 1_048_576, naive, naiveRate, naiveHits, (bytes / fast) / naiveRate))

// The sample's choice.
var candidates: [SamplingPlan.Candidate] = []
candidates.reserveCapacity(attemptCount * 35 / 100 + 1)
let agents = (1 ... 200).map { "A\(String(format: "%04d", $0))" }
for _ in 0 ..< attemptCount where random.below(100) < 35 {
    var bytes = (random.next(), random.next())
    let id = withUnsafeBytes(of: &bytes) { UUID(uuid: $0.load(as: uuid_t.self)) }
    candidates.append(SamplingPlan.Candidate(attempt: id, agent: agents[random.below(agents.count)], talkSeconds: 10 + random.below(400),
                                             disposition: random.below(10) == 0 ? "success" : "refused", flagged: random.below(500) == 0))
}
let plan = try SamplingPlan(minimumTalk: 30, seed: 7)
start = ContinuousClock.now
let chosen = plan.choose(candidates)
print(String(format: "sample of %d attempts (%d connected, 200 agents): %d calls chosen in %.2f s", attemptCount, candidates.count, chosen.count,
             seconds(since: start)))
