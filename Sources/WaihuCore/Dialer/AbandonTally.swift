/// 放弃率 — calls answered by a person and not bridged to an agent within the bridge limit,
/// over the calls answered by a person (answering machines excluded), per project per day.
public struct AbandonTally: Sendable, Equatable, Codable {
    public var answeredByPerson: Int
    public var abandoned: Int

    public init(answeredByPerson: Int = 0, abandoned: Int = 0) {
        self.answeredByPerson = answeredByPerson
        self.abandoned = abandoned
    }

    /// nil when no call was answered by a person.
    public var rate: Double? { answeredByPerson == 0 ? nil : Double(abandoned) / Double(answeredByPerson) }

    public static func + (a: AbandonTally, b: AbandonTally) -> AbandonTally {
        AbandonTally(answeredByPerson: a.answeredByPerson + b.answeredByPerson, abandoned: a.abandoned + b.abandoned)
    }

    /// The 30-day figure shown beside the day's: the calls of the 30 days ending on `day`
    /// (inclusive) added up, not their rates averaged.
    public static func trailing30(_ days: [LocalDate: AbandonTally], endingOn day: LocalDate) -> AbandonTally {
        let last = LocalTime.days(from: day)
        return (last - 29 ... last).reduce(AbandonTally()) { $0 + (days[LocalTime.civil(fromDays: $1)] ?? AbandonTally()) }
    }
}
