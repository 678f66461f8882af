import Foundation

/// A lead as one slice sees it: its attempts in the slice and the highest category among them.
struct LeadTally: Sendable {
    var best: DispositionCategory?
    var attempts = 0
    var rejected = false

    /// The lead's outcome in the slice (METRICS.md §1.3, §1.7): rejected at import → invalid;
    /// no attempt → nil (not called); attempts none of which has a disposition yet → unreachable.
    var outcome: DispositionCategory? {
        if rejected { return .invalid }
        guard attempts > 0 else { return nil }
        return best ?? .unreachable
    }
}

/// The sums one row of a split is computed from.
public struct SliceTally: Sendable {
    var leads: [String: LeadTally] = [:]
    /// Leads already counted by outcome (a stored cell's); disjoint from `leads`.
    var counted = OutcomeCounts()
    var calls = 0
    var connected = 0
    var talkSeconds = 0
    var conversations = 0
    var effectiveConversations = 0
    var handledSeconds = 0
    var attemptsWithAgent = 0
    var agentsWithAttempts: Set<String> = []
    var stateSeconds: [AgentState: Double] = [:]
    var busyCount = 0
    var helpCount = 0
    var scheduledSeconds = 0
    var paidSeconds = 0
    var scheduledToAttend = 0
    var attended = 0
    var orders = 0
    var salesCents = 0
    /// Σ amount of the signed orders (cash realised).
    var signedCents = 0
    var ordersNotRejected = 0
    var ordersApproved = 0
    var ordersVerified = 0
    var ordersSigned = 0
    var ordersReturned = 0
    var reviews = 0
    var reviewsExcellent = 0
    var reviewsUnqualified = 0
    var complaints = 0
    var replies = 0
    var satisfiedReplies = 0

    mutating func add(_ attempt: MetricAttempt, project: MetricProject?) {
        calls += 1
        if let lead = attempt.lead {
            leads[lead, default: LeadTally()].attempts += 1
            leads[lead]!.best = DispositionCategory.highest(leads[lead]!.best, attempt.category)
        }
        if attempt.talkSeconds > 0 {
            connected += 1
            talkSeconds += attempt.talkSeconds
            if attempt.talkSeconds >= project?.conversationSeconds ?? 30 { conversations += 1 }
            if attempt.talkSeconds >= project?.effectiveConversationSeconds ?? 180 { effectiveConversations += 1 }
        }
        if let agent = attempt.agent {
            attemptsWithAgent += 1
            handledSeconds += attempt.prepSeconds + attempt.talkSeconds + attempt.acwSeconds
            agentsWithAttempts.insert(agent)
        }
    }

    mutating func add(_ schedule: MetricSchedule) {
        scheduledSeconds += schedule.scheduledSeconds
        paidSeconds += schedule.paidSeconds
        if schedule.scheduledToAttend { scheduledToAttend += 1 }
        if schedule.attended { attended += 1 }
    }

    mutating func add(_ order: MetricOrder) {
        orders += 1
        if order.status != .rejected {
            ordersNotRejected += 1
            salesCents += order.amountCents
        }
        if order.status.isApproved { ordersApproved += 1 }
        if order.status.isVerified { ordersVerified += 1 }
        if order.status == .signed {
            ordersSigned += 1
            signedCents += order.amountCents
        }
        if order.status == .returned { ordersReturned += 1 }
    }

    mutating func add(_ review: MetricReview) {
        reviews += 1
        if review.grade == .excellent { reviewsExcellent += 1 }
        if review.grade == .unqualified { reviewsUnqualified += 1 }
    }

    mutating func add(_ complaint: MetricComplaint) {
        if complaint.valid { complaints += 1 }
    }

    mutating func add(_ reply: MetricSatisfaction) {
        replies += 1
        if reply.satisfied { satisfiedReplies += 1 }
    }
}
