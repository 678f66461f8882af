import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore

/// `waihu settlement`: vendors' monthly statements from the console.
struct SettlementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlement", abstract: "Vendors' monthly settlement (月度结算).", subcommands: [SettlementRun.self])
}

/// `waihu settlement run`: computes the draft statement of a vendor's ended month and prints it.
struct SettlementRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Compute a vendor's draft statement of a month and print it.",
        discussion: "Units are the vendor's agents' calls in category success (marketing and win-back work) or completed and success (the rest), "
            + "less those a success verification found not valid, at the approved unit price of the call's day. "
            + "A statement already reconciled or approved is not computed again.")

    @Option(help: "A site the vendor operates (its name), or the vendor's legal name.") var site: String
    @Option(help: "The month, YYYY-MM (the organisation's time zone).") var month: String
    @Option var format: OutputFormat = .text
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let view = try await db.withStore { store in
            let vendor = try await VendorReads.resolve(site, on: store.db)
            let model = try await SettlementService.run(vendor: try vendor.requireID(), month: month, by: store.caller, at: store.now, on: store.db)
            return try SettlementReads.view(model, vendor: vendor, language: .zh)
        }
        if format == .json { return try printJSON(view) }
        print("\(view.vendor) \(view.month) — \(view.status_name)\(view.provisional ? "（暂估 provisional）" : "")")
        print("project\tunits\tnot_verified\tbillable\tunit_price\tamount")
        for line in view.projects {
            print("\(line.project)\t\(line.units)\t\(line.not_verified)\t\(line.billable)\t\(line.unit_price.map { "\($0)" } ?? "—")\t\(line.amount)")
        }
        for usage in view.usage { print("usage commission / 使用费提成\t\(usage.name)\t\(usage.amount)") }
        for charge in view.deductions { print("deduction / 扣款\t\(charge.name)\t\(charge.count)\t-\(charge.amount)") }
        for charge in view.rewards { print("reward / 奖励\t\(charge.name)\t\(charge.count)\t\(charge.amount)") }
        print("total / 合计\t\(view.total)")
    }
}
