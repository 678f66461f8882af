/// Finds a lexicon's phrases in UTF-8 text in one pass (Aho–Corasick), on normalised text: full-width forms read as
/// half-width, letters in lower case, 您 as 你, spaces and punctuation skipped — so "不 行！" matches 不行 (RULES A.3,
/// engineering notes). Characters come from a flat table (no hashing per character); the root has a dense row;
/// other states keep their few children sorted, found by a short scan.
public struct PhraseMatcher: Sendable {
    public struct Hit: Sendable, Equatable {
        /// The phrase's index in the list the matcher was built from.
        public var phrase: Int
        /// Byte offsets of the match in the text, from its first character to past its last.
        public var start: Int
        public var end: Int
    }

    /// Symbol of each scalar of the Basic Multilingual Plane: -1 skipped, 0 in no phrase, else the symbol.
    private var symbols: [Int32]
    private var rootNext: [Int32]
    private var childStart: [Int32] = [0]
    private var childCount: [Int32] = [0]
    private var childSymbol: [Int32] = []
    private var childState: [Int32] = []
    private var fail: [Int32] = [0]
    private var output: [Int32] = [-1]
    private var dictionaryLink: [Int32] = [0]
    private var depth: [Int32] = [0]
    private let longest: Int

    /// The folded form of a scalar: nil when it is skipped (space, punctuation, control).
    public static func fold(_ value: UInt32) -> UInt32? {
        var v = value
        if v == 0x3000 { return nil }
        if (0xFF01 ... 0xFF5E).contains(v) { v -= 0xFEE0 }
        if v < 0x80 {
            if v <= 0x20 || v == 0x7F { return nil }
            let c = UInt8(v)
            if (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E) { return nil }
            if c >= 0x41 && c <= 0x5A { v += 0x20 }
            return v
        }
        if (0x3000 ... 0x303F).contains(v) || (0xFF00 ... 0xFF0F).contains(v) || (0x2000 ... 0x206F).contains(v)
            || (0xFE30 ... 0xFE4F).contains(v) || v == 0xFF5B || v == 0xFF5D || (0xFF1A ... 0xFF20).contains(v) || v == 0x00A0 {
            return nil
        }
        if v == 0x60A8 { return 0x4F60 }  // 您 → 你
        return v
    }

    /// The phrase as the matcher reads it; empty when nothing of it is left.
    public static func normalised(_ phrase: String) -> [UInt32] {
        phrase.unicodeScalars.compactMap { fold($0.value) }
    }

    public init(_ phrases: [String]) {
        var symbols = [Int32](repeating: 0, count: 0x10000)
        for value in 0 ..< UInt32(0x10000) where Self.fold(value) == nil { symbols[Int(value)] = -1 }
        var symbolOf: [UInt32: Int32] = [:]
        let patterns = phrases.map(Self.normalised)
        for pattern in patterns {
            for value in pattern where symbolOf[value] == nil { symbolOf[value] = Int32(symbolOf.count + 1) }
        }
        // Every scalar that folds to a phrase's character reads as its symbol.
        for value in 0 ..< UInt32(0x10000) {
            if let folded = Self.fold(value), let symbol = symbolOf[folded] { symbols[Int(value)] = symbol }
        }
        self.symbols = symbols
        longest = patterns.map(\.count).max() ?? 0
        // The trie, children kept in dictionaries while building.
        var children: [[Int32: Int32]] = [[:]]
        var ends: [Int32] = [-1]
        var depths: [Int32] = [0]
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state: Int32 = 0
            for value in pattern {
                let symbol = symbolOf[value]!
                if let next = children[Int(state)][symbol] {
                    state = next
                } else {
                    children.append([:])
                    ends.append(-1)
                    depths.append(depths[Int(state)] + 1)
                    let next = Int32(children.count - 1)
                    children[Int(state)][symbol] = next
                    state = next
                }
            }
            if ends[Int(state)] == -1 { ends[Int(state)] = Int32(index) }
        }
        let count = children.count
        rootNext = [Int32](repeating: 0, count: symbolOf.count + 1)
        for (symbol, next) in children[0] { rootNext[Int(symbol)] = next }
        childStart = [Int32](repeating: 0, count: count)
        childCount = [Int32](repeating: 0, count: count)
        for state in 0 ..< count {
            childStart[state] = Int32(childSymbol.count)
            childCount[state] = Int32(children[state].count)
            for (symbol, next) in children[state].sorted(by: { $0.key < $1.key }) {
                childSymbol.append(symbol)
                childState.append(next)
            }
        }
        output = ends
        depth = depths
        fail = [Int32](repeating: 0, count: count)
        dictionaryLink = [Int32](repeating: 0, count: count)
        // Breadth first: a state's failure is the longest proper suffix that is also in the trie.
        var queue: [Int32] = Array(children[0].values)
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (symbol, child) in children[Int(state)] {
                var f = fail[Int(state)]
                while f != 0 && children[Int(f)][symbol] == nil { f = fail[Int(f)] }
                let target = state == 0 ? 0 : (children[Int(f)][symbol] ?? 0)
                fail[Int(child)] = target == child ? 0 : target
                let link = fail[Int(child)]
                dictionaryLink[Int(child)] = output[Int(link)] >= 0 ? link : dictionaryLink[Int(link)]
                queue.append(child)
            }
        }
    }

    @inline(__always)
    private func next(_ state: Int32, _ symbol: Int32) -> Int32 {
        var state = state
        while true {
            if state == 0 { return rootNext[Int(symbol)] }
            let start = Int(childStart[Int(state)]), end = start + Int(childCount[Int(state)])
            var index = start
            while index < end {
                let s = childSymbol[index]
                if s == symbol { return childState[index] }
                if s > symbol { break }
                index += 1
            }
            state = fail[Int(state)]
        }
    }

    /// Every occurrence of every phrase in the UTF-8 text, in the order their ends are met.
    public func hits(in text: UnsafeBufferPointer<UInt8>) -> [Hit] {
        var hits: [Hit] = []
        guard longest > 0 else { return hits }
        // The byte offsets of the last characters read, to find where a match began.
        var starts = [Int](repeating: 0, count: longest)
        var read = 0
        var state: Int32 = 0
        var offset = 0
        let count = text.count
        while offset < count {
            let first = text[offset]
            var value: UInt32
            var width: Int
            if first < 0x80 {
                value = UInt32(first); width = 1
            } else if first < 0xE0 {
                value = offset + 1 < count ? (UInt32(first & 0x1F) << 6) | UInt32(text[offset + 1] & 0x3F) : 0xFFFD; width = 2
            } else if first < 0xF0 {
                value = offset + 2 < count
                    ? (UInt32(first & 0x0F) << 12) | (UInt32(text[offset + 1] & 0x3F) << 6) | UInt32(text[offset + 2] & 0x3F) : 0xFFFD
                width = 3
            } else {
                value = 0x10000; width = 4
            }
            let begin = offset
            offset += width
            let symbol = value < 0x10000 ? symbols[Int(value)] : 0
            if symbol < 0 { continue }
            if symbol == 0 {
                state = 0
                continue
            }
            starts[read % longest] = begin
            read += 1
            state = next(state, symbol)
            var found = output[Int(state)] >= 0 ? state : dictionaryLink[Int(state)]
            while found != 0 {
                let length = Int(depth[Int(found)])
                hits.append(Hit(phrase: Int(output[Int(found)]), start: starts[(read - length) % longest], end: offset))
                found = dictionaryLink[Int(found)]
            }
        }
        return hits
    }

    public func hits(in text: String) -> [Hit] {
        var copy = text
        return copy.withUTF8 { hits(in: $0) }
    }
}
