/// Which row of a split a record belongs to: the values of the split's dimensions (nil for those
/// the query does not split by).
public struct SliceKey: Sendable, Hashable, Comparable {
    public var project: String?
    public var site: String?
    public var team: String?
    public var agent: String?
    public var bucket: TimeBucket?

    public init(project: String? = nil, site: String? = nil, team: String? = nil, agent: String? = nil, bucket: TimeBucket? = nil) {
        self.project = project
        self.site = site
        self.team = team
        self.agent = agent
        self.bucket = bucket
    }

    /// The row's values by dimension, as the API and exports write them.
    public func labels(for dimensions: [SliceDimension]) -> [(SliceDimension, String?)] {
        dimensions.map { dimension in
            switch dimension {
            case .project: (dimension, project)
            case .site: (dimension, site)
            case .team: (dimension, team)
            case .agent: (dimension, agent)
            case .hour, .day, .week, .month: (dimension, bucket?.description)
            }
        }
    }

    public static func < (a: SliceKey, b: SliceKey) -> Bool {
        let left = [a.project ?? "", a.site ?? "", a.team ?? "", a.agent ?? ""]
        let right = [b.project ?? "", b.site ?? "", b.team ?? "", b.agent ?? ""]
        if left != right { return left.lexicographicallyPrecedes(right) }
        switch (a.bucket, b.bucket) {
        case let (x?, y?): return x < y
        case (nil, _?): return true
        default: return false
        }
    }
}
