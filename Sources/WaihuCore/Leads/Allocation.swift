import Foundation

/// Who receives leads (数据分配): a team's own pool, which its supervisor allocates further,
/// or one agent, who alone then sees them.
public enum AllocationTarget: Hashable, Sendable {
    case team(UUID)
    case agent(UUID)
}

/// Where the leads of an allocation come from.
public enum AllocationSource: Hashable, Sendable {
    /// The project's unallocated leads (项目数据池).
    case pool
    /// Leads a team holds that no agent has yet.
    case team(UUID)
    /// Leads an agent holds: re-allocation (重新分配).
    case agent(UUID)
}

/// How many leads each target receives.
public enum AllocationMode: Sendable, Equatable {
    /// The same number to every target, in turn, while the source lasts (按数量).
    case eachCount(Int)
    /// Every matching lead, or at most `limit`, spread so that counts differ by at most one (平均分配).
    case evenly(limit: Int?)
}

/// The pure part of an allocation: how many leads each target gets, and which ones.
public enum AllocationPlan {
    /// The quota of each target, in the order of the targets.
    /// - Parameter available: how many leads of the source match the filter.
    public static func quotas(available: Int, targets: Int, mode: AllocationMode) throws(DomainError) -> [Int] {
        guard targets > 0 else {
            throw DomainError(.badInput, code: "no_allocation_target",
                              zh: "请至少选择一个班组或坐席作为分配对象", en: "Choose at least one team or agent to allocate to")
        }
        switch mode {
        case .eachCount(let count):
            guard count > 0 else {
                throw DomainError.invalidField("count", zh: "每个对象的分配数量须为正整数", en: "the count per target must be a positive whole number")
            }
            var left = available
            return (0..<targets).map { _ in
                let quota = min(count, left)
                left -= quota
                return quota
            }
        case .evenly(let limit):
            if let limit, limit <= 0 {
                throw DomainError.invalidField("limit", zh: "分配总数须为正整数", en: "the total must be a positive whole number")
            }
            let total = min(available, limit ?? available)
            return (0..<targets).map { index in total / targets + (index < total % targets ? 1 : 0) }
        }
    }

    /// Deals the leads to the targets like cards, one at a time in turn, skipping a target whose
    /// quota is full: every target gets leads from the whole list, not one block of it.
    public static func deal<ID>(_ leads: [ID], quotas: [Int]) -> [[ID]] {
        var hands = quotas.map { _ in [ID]() }
        var open = quotas.indices.filter { quotas[$0] > 0 }
        var next = leads.makeIterator()
        while !open.isEmpty {
            var stillOpen: [Int] = []
            for index in open {
                guard let lead = next.next() else { return hands }
                hands[index].append(lead)
                if hands[index].count < quotas[index] { stillOpen.append(index) }
            }
            open = stillOpen
        }
        return hands
    }

    /// Refuses an allocation that found nothing to hand out, saying where it looked.
    public static func requireLeads(_ available: Int) throws(DomainError) {
        guard available > 0 else {
            throw DomainError(.ruleRefused, code: "nothing_to_allocate",
                              zh: "没有符合条件的可分配客户数据（数据池为空或筛选条件无匹配）",
                              en: "No leads to allocate: the source is empty or nothing matches the filter")
        }
    }
}
