/// A first-in first-out queue that forgets what it has handed out.
struct FIFO<Element: Sendable>: Sendable {
    private var items: [Element] = []
    private var head = 0

    var first: Element? { head < items.count ? items[head] : nil }
    /// What is still queued, first first.
    var elements: ArraySlice<Element> { items[head...] }
    var isEmpty: Bool { head >= items.count }

    mutating func append(_ item: Element) { items.append(item) }

    @discardableResult
    mutating func removeFirst() -> Element {
        let item = items[head]
        head += 1
        if head > 1024, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }
}
