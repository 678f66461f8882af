import Foundation

/// What a vendor's month of work is, as the store counts it: per project and day the billable units of its agents'
/// calls (RULES E-02: success for marketing and win-back work, completed or success for the rest; test calls out) and
/// those of them a success verification found not valid (E-19); the month's quality counts; the ledger's other
/// vendor entries.
public struct SettlementInput: Sendable {
    public struct Project: Sendable {
        public var id: UUID
        public var code: String
        public var name: String
        /// The script's length, for a price by tiers (E-05).
        public var questions: Int

        public init(id: UUID, code: String, name: String, questions: Int) {
            self.id = id
            self.code = code
            self.name = name
            self.questions = questions
        }
    }

    public struct Day: Sendable {
        public var project: UUID
        public var day: LocalDate
        public var units: Int
        public var notVerified: Int

        public init(project: UUID, day: LocalDate, units: Int, notVerified: Int) {
            self.project = project
            self.day = day
            self.units = units
            self.notVerified = notVerified
        }
    }

    /// A ledger entry on the vendor of the month that is neither an unqualified ticket's nor a complaint's (the
    /// contract prices those): a deduction (positive) or a reward.
    public struct LedgerItem: Sendable {
        public var rule: String
        public var name: LocalizedText
        public var reward: Bool
        public var fen: Int

        public init(rule: String, name: LocalizedText, reward: Bool, fen: Int) {
            self.rule = rule
            self.name = name
            self.reward = reward
            self.fen = fen
        }
    }

    public var vendor: UUID
    public var projects: [Project]
    public var days: [Day]
    public var prices: [PriceList]
    /// Usage fees of the customers acquired, per project, in fen (E-06); absent when none were imported.
    public var usageFees: [UUID: Int]
    public var unqualifiedTickets: Int
    public var validComplaints: Int
    public var ledger: [LedgerItem]
    public var contract: VendorContract
    /// The month's last day: the usage commission of a project without calls this month is at the list in force then.
    public var lastDay: LocalDate?
    /// The month's QA reviews of the vendor's calls: their scores summed, and how many (the service-quality score, E-03).
    public var qualityScoreSum = 0
    public var qualityReviews = 0

    public init(vendor: UUID, projects: [Project], days: [Day], prices: [PriceList], usageFees: [UUID: Int] = [:], unqualifiedTickets: Int,
                validComplaints: Int, ledger: [LedgerItem], contract: VendorContract, lastDay: LocalDate? = nil) {
        self.vendor = vendor
        self.projects = projects
        self.days = days
        self.prices = prices
        self.usageFees = usageFees
        self.unqualifiedTickets = unqualifiedTickets
        self.validComplaints = validComplaints
        self.ledger = ledger
        self.contract = contract
        self.lastDay = lastDay
    }
}

/// A monthly statement (月度结算单, RULES E and the proposed statement of RULES): per project and unit price the units,
/// those not verified, the billable rest and the amount; usage commission; deductions; rewards; the total. All in fen.
public struct SettlementStatement: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public var project: UUID
        public var code: String
        public var name: String
        /// nil: no approved price list was in force on these days.
        public var unitPriceFen: Int?
        public var units: Int
        public var notVerified: Int
        public var billable: Int
        public var amountFen: Int
    }

    /// The service-quality adjustment (E-03): the month's mean review score, the contract band it fell in, the
    /// adjustment of the success commission (negative: a deduction).
    public struct Quality: Sendable, Codable, Equatable {
        public var reviews: Int
        public var scoreSum: Int
        public var minimumScore: Int
        public var basisPoints: Int
        public var amountFen: Int

        /// The mean score to one decimal.
        public var meanScore: String {
            let tenths = (scoreSum * 10 + reviews / 2) / max(reviews, 1)
            return "\(tenths / 10).\(tenths % 10)"
        }
    }

    public struct Usage: Sendable, Codable, Equatable {
        public var project: UUID
        public var code: String
        public var feesFen: Int
        public var basisPoints: Int
        public var amountFen: Int
    }

    /// A deduction or reward: its kind (`unqualified_ticket`, `valid_complaint` or a ledger rule's code), how many,
    /// how much in all (positive).
    public struct Charge: Sendable, Codable, Equatable {
        public var kind: String
        public var name: LocalizedText
        public var count: Int
        public var amountFen: Int
    }

    public var lines: [Line]
    public var usage: [Usage]
    public var deductions: [Charge]
    public var rewards: [Charge]
    /// nil: the contract has no quality table, nothing was reviewed, or no band reached down to the score.
    public var quality: Quality?

    public var billableFen: Int { lines.reduce(0) { $0 + $1.amountFen } }
    public var usageFen: Int { usage.reduce(0) { $0 + $1.amountFen } }
    public var deductionsFen: Int { deductions.reduce(0) { $0 + $1.amountFen } }
    public var rewardsFen: Int { rewards.reduce(0) { $0 + $1.amountFen } }
    public var qualityFen: Int { quality?.amountFen ?? 0 }
    /// Before reconciliation's adjustments.
    public var subtotalFen: Int { billableFen + usageFen + qualityFen - deductionsFen + rewardsFen }
    /// Units on days no approved price covered: a statement with any is not approved.
    public var unpricedUnits: Int { lines.filter { $0.unitPriceFen == nil }.reduce(0) { $0 + $1.billable } }

    /// Waihu's billable count per project: what the vendor's own counts are held against.
    public func billable(project: UUID) -> Int { lines.filter { $0.project == project }.reduce(0) { $0 + $1.billable } }

    /// The unit price a reconciliation adjustment of a project is priced at: the last priced line's (the price in
    /// force at the month's end, our reading).
    public func adjustmentPrice(project: UUID) -> Int {
        lines.last { $0.project == project && $0.unitPriceFen != nil }?.unitPriceFen ?? 0
    }
}

public enum Settlement {
    /// The statement of a vendor's month.
    public static func compute(_ input: SettlementInput) -> SettlementStatement {
        var lines: [SettlementStatement.Line] = []
        var usage: [SettlementStatement.Usage] = []
        for project in input.projects {
            var byPrice: [Int?: (units: Int, notVerified: Int)] = [:]
            var order: [Int?] = []
            var lastList: PriceList?
            for day in input.days.filter({ $0.project == project.id }).sorted(by: { $0.day < $1.day }) {
                let list = PriceList.inForce(input.prices, project: project.id, vendor: input.vendor, on: day.day)
                if list != nil { lastList = list }
                let price = list?.price(questions: project.questions)
                if byPrice[price] == nil { order.append(price) }
                byPrice[price, default: (0, 0)].units += day.units
                byPrice[price, default: (0, 0)].notVerified += min(day.notVerified, day.units)
            }
            for price in order {
                let counts = byPrice[price]!
                let billable = counts.units - counts.notVerified
                lines.append(.init(project: project.id, code: project.code, name: project.name, unitPriceFen: price, units: counts.units,
                                   notVerified: counts.notVerified, billable: billable, amountFen: billable * (price ?? 0)))
            }
            let commissionList = lastList ?? input.lastDay.flatMap { PriceList.inForce(input.prices, project: project.id, vendor: input.vendor, on: $0) }
            if let fees = input.usageFees[project.id], let rate = commissionList?.usageBasisPoints, rate > 0 {
                usage.append(.init(project: project.id, code: project.code, feesFen: fees, basisPoints: rate,
                                   amountFen: Fen.share(fees, basisPoints: rate)))
            }
        }
        var deductions: [SettlementStatement.Charge] = []
        if input.unqualifiedTickets > 0 {
            deductions.append(.init(kind: "unqualified_ticket", name: LocalizedText(zh: "不合格工单", en: "Unqualified tickets"),
                                    count: input.unqualifiedTickets, amountFen: input.unqualifiedTickets * input.contract.ticketDeductionFen))
        }
        if input.validComplaints > 0 {
            deductions.append(.init(kind: "valid_complaint", name: LocalizedText(zh: "有效投诉", en: "Valid complaints"),
                                    count: input.validComplaints, amountFen: input.validComplaints * input.contract.complaintDeductionFen))
        }
        var rewards: [SettlementStatement.Charge] = []
        for (rule, items) in Dictionary(grouping: input.ledger, by: \.rule).sorted(by: { $0.key < $1.key }) {
            let charge = SettlementStatement.Charge(kind: rule, name: items[0].name, count: items.count, amountFen: items.reduce(0) { $0 + $1.fen })
            if items[0].reward { rewards.append(charge) } else { deductions.append(charge) }
        }
        var statement = SettlementStatement(lines: lines, usage: usage, deductions: deductions, rewards: rewards)
        if let band = QualityBand.band(input.contract.qualityBands, scoreSum: input.qualityScoreSum, reviews: input.qualityReviews) {
            statement.quality = .init(reviews: input.qualityReviews, scoreSum: input.qualityScoreSum, minimumScore: band.minimumScore,
                                      basisPoints: band.basisPoints, amountFen: Fen.share(statement.billableFen, basisPoints: band.basisPoints))
        }
        return statement
    }
}
