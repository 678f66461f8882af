import Foundation

extension ScorecardInput {
    /// An announcement published to the site, with when each agent marked it read on the desk.
    public struct Announcement: Sendable {
        public var id: UUID, title: String, publishedAt: Date, reads: [UUID: Date]
        public init(id: UUID, title: String, publishedAt: Date, reads: [UUID: Date]) {
            self.id = id
            self.title = title
            self.publishedAt = publishedAt
            self.reads = reads
        }
    }

    /// A QA finding on one of the site's agents: the day it was received and when it was trained.
    public struct QAFinding: Sendable {
        public var id: UUID, agent: UUID, received: LocalDate, trainedAt: Date?, category: String
        public init(id: UUID, agent: UUID, received: LocalDate, trainedAt: Date?, category: String) {
            self.id = id
            self.agent = agent
            self.received = received
            self.trainedAt = trainedAt
            self.category = category
        }
    }

    /// One agent's answer to a pre-shift quiz question.
    public struct QuizAnswer: Sendable {
        public var agent: UUID, date: LocalDate, question: String, correct: Bool
        public init(agent: UUID, date: LocalDate, question: String, correct: Bool) {
            self.agent = agent
            self.date = date
            self.question = question
            self.correct = correct
        }
    }
}
