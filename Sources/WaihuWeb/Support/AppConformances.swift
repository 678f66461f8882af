import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

// The use cases' answers, sent as JSON by the API.
extension CustomerPreview: Content {}
extension VendorReads.View: Content {}
extension PriceListService.View: Content {}
extension SettlementReads.View: Content {}
extension SettlementReads.Call: Content {}
extension VendorAssessmentReads.Record: Content {}
extension VendorAssessmentReads.Exit: Content {}
extension DeskService.NextLead: Content {}
extension DeskService.Finished: Content {}
extension DeskService.ReadBack: Content {}
extension QualityService.SampleOutcome: Content {}
extension QualityReads.Task: Content {}
extension QualityReads.Review: Content {}
extension QualityReads.FindingView: Content {}
extension ComplaintReads.View: Content {}
extension CalibrationReads.SessionView: Content {}
extension SpotCheckReads.View: Content {}
extension PenaltyReads.Entry: Content {}
extension PenaltyRule: Content {}
extension PhraseEntry: Content {}
extension PhraseQueries.Hit: Content {}
extension DeskService.DeskStatus: Content {}
extension DoNotCallDTO: Content {}
extension HoldingsDTO: Content {}
extension LeadDTO: Content {}
extension DialabilityDTO: Content {}
extension ScriptService.ScriptDTO: Content {}
extension ScriptService.DeskScript: Content {}
extension WallboardService.Snapshot: Content {}

/// bcrypt, as `waihu serve` and the CLI hash passwords.
package struct BcryptPasswords: PasswordHashing {
    package static let shared = BcryptPasswords()

    package let unusableHash: String = try! Bcrypt.hash(Tokens.randomText(bytes: 24))

    package func hash(_ password: String) throws -> String { try Bcrypt.hash(password) }

    package func verify(_ password: String, against hash: String) throws -> Bool { try Bcrypt.verify(password, created: hash) }
}
