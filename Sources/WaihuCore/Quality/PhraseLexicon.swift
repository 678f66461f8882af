/// The forbidden-phrase lexicon (服务忌语, RULES A.3): the seed's ten example sentences, 喂 as a way of addressing the
/// customer, and short lists for the categories the seed names without words (ours, to be extended per center).
/// Editable by the store; hits are flags for review, never penalties by themselves.
public struct PhraseEntry: Sendable, Codable, Equatable {
    public var phrase: String
    public var category: PhraseCategory

    public init(_ phrase: String, _ category: PhraseCategory) {
        self.phrase = phrase
        self.category = category
    }
}

public enum PhraseCategory: String, Sendable, Codable, CaseIterable {
    /// The seed's example sentences (例句, FP-01 … FP-10).
    case example
    /// 喂 to address the customer (FP-13).
    case address
    case dirty, coarse, sarcasm, scolding, interrogating, abuse, insult, taunt
    /// Talk unrelated to work (与工作无关的话).
    case off_topic
    /// Verbal tics (口头禅), per center.
    case tic
    /// A courtesy phrase missing where it belongs (您好 at the start, 再见 or 谢谢 at the end, RULES SN-07).
    case missing_courtesy

    public var name: LocalizedText {
        switch self {
        case .example: LocalizedText(zh: "忌语例句", en: "example forbidden phrase")
        case .address: LocalizedText(zh: "用“喂”称呼客户", en: "addressing with 喂")
        case .dirty: LocalizedText(zh: "脏话", en: "dirty words")
        case .coarse: LocalizedText(zh: "粗话", en: "coarse words")
        case .sarcasm: LocalizedText(zh: "讽刺", en: "sarcasm")
        case .scolding: LocalizedText(zh: "训斥", en: "scolding")
        case .interrogating: LocalizedText(zh: "质问客户", en: "interrogating")
        case .abuse: LocalizedText(zh: "漫骂", en: "abuse")
        case .insult: LocalizedText(zh: "污辱", en: "insult")
        case .taunt: LocalizedText(zh: "挖苦", en: "taunting")
        case .off_topic: LocalizedText(zh: "与工作无关的话", en: "off-topic talk")
        case .tic: LocalizedText(zh: "口头禅", en: "verbal tic")
        case .missing_courtesy: LocalizedText(zh: "缺少礼貌用语", en: "courtesy phrase missing")
        }
    }
}

public enum DefaultLexicon {
    public static let entries: [PhraseEntry] = [
        // Seed 000 第四篇 三, verbatim.
        .init("不行", .example), .init("不知道", .example), .init("你懂不懂", .example), .init("不知道就别说了", .example),
        .init("这是规定，就不行", .example), .init("有意见，告去", .example), .init("刚才不是和你说过了吗，怎么还问", .example),
        .init("你想好了没有，快点", .example), .init("不是告诉你了，怎么还不明白", .example),
        .init("移动公司不是为你家开的，说怎样就怎样", .example),
        .init("喂", .address),
        // Ours, short and to be extended (RULES FP-11, FP-14, FP-17: the seed names the categories without words).
        .init("他妈的", .dirty), .init("混蛋", .dirty), .init("滚蛋", .coarse), .init("闭嘴", .coarse),
        .init("你自己看着办", .sarcasm), .init("这都不会", .sarcasm), .init("你听好了", .scolding), .init("说了多少遍", .scolding),
        .init("你到底要不要", .interrogating), .init("你什么意思", .interrogating), .init("神经病", .abuse), .init("有病吧", .abuse),
        .init("没文化", .insult), .init("真笨", .insult), .init("就你这样", .taunt), .init("晚上吃什么", .off_topic),
    ]

    /// Courtesy phrases the agent's first turn and last turns must hold (RULES SN-07; ours: the last two turns).
    public static let opening = ["您好"]
    public static let closing = ["再见", "谢谢"]
}

/// The agent's side of a call's transcript checked against the lexicon: every hit with its phrase, category and where
/// it is, and the courtesy phrases missing at the start or the end.
public struct TranscriptCheck: Sendable {
    public struct Turn: Sendable {
        public var startMs: Int
        public var text: String

        public init(startMs: Int, text: String) {
            self.startMs = startMs
            self.text = text
        }
    }

    public struct Finding: Sendable, Equatable {
        public var phrase: String
        public var category: PhraseCategory
        /// The turn's start, and the match's byte offset in its text (0 for a missing phrase).
        public var startMs: Int
        public var offset: Int
    }

    public let entries: [PhraseEntry]
    let matcher: PhraseMatcher
    let opening: PhraseMatcher
    let closing: PhraseMatcher

    public init(entries: [PhraseEntry]) {
        self.entries = entries
        matcher = PhraseMatcher(entries.map(\.phrase))
        opening = PhraseMatcher(DefaultLexicon.opening)
        closing = PhraseMatcher(DefaultLexicon.closing)
    }

    /// The agent's turns in order of time.
    public func findings(agentTurns: [Turn]) -> [Finding] {
        let turns = agentTurns.sorted { $0.startMs < $1.startMs }
        var findings: [Finding] = []
        for turn in turns {
            for hit in matcher.hits(in: turn.text) {
                findings.append(Finding(phrase: entries[hit.phrase].phrase, category: entries[hit.phrase].category, startMs: turn.startMs, offset: hit.start))
            }
        }
        if let first = turns.first, opening.hits(in: first.text).isEmpty {
            findings.append(Finding(phrase: DefaultLexicon.opening.joined(separator: "/"), category: .missing_courtesy, startMs: first.startMs, offset: 0))
        }
        if let last = turns.last, turns.suffix(2).allSatisfy({ closing.hits(in: $0.text).isEmpty }) {
            findings.append(Finding(phrase: DefaultLexicon.closing.joined(separator: "/"), category: .missing_courtesy, startMs: last.startMs, offset: 0))
        }
        return findings
    }
}
