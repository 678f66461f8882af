import Foundation

/// One page of a long list: the rows a page number and size stand for. A page below 1 is the first, a size is
/// kept within 1…`maxPerPage`, and a page so far out that its first row cannot be counted is refused
/// (it took the server down once: `(page - 1) × size` overflowed).
public struct PageWindow: Sendable, Equatable {
    /// The highest page number asked for with any size: past 500 million rows at the largest size.
    public static let maxPage = 1_000_000

    public let page: Int
    public let perPage: Int

    /// The first row of the page, counted from 0.
    public var offset: Int { (page - 1) * perPage }

    public init(page: Int?, perPage: Int?, defaultPerPage: Int = 50, maxPerPage: Int = 500) throws(DomainError) {
        let page = max(1, page ?? 1)
        guard page <= Self.maxPage else {
            throw DomainError(.badInput, code: "page_out_of_range",
                              zh: "页码 \(page) 超出范围：最大为 \(Self.maxPage)",
                              en: "Page \(page) is out of range: the highest is \(Self.maxPage)")
        }
        self.page = page
        self.perPage = min(maxPerPage, max(1, perPage ?? defaultPerPage))
    }
}
