import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The vendor registry as its pages, API and the CLI read it.
package enum VendorReads {
    /// A vendor named by its legal name or by a site it operates.
    package static func resolve(_ name: String, on db: any Database) async throws -> VendorModel {
        let name = name.trimmingWhitespace()
        if let vendor = try await VendorModel.query(on: db).filter(\.$legalName == name).first() { return vendor }
        if let site = try await OrganisationQueries.site(named: name, on: db), let id = site.id,
           let vendor = try await VendorService.vendor(ofSite: id, on: db) {
            return vendor
        }
        throw DomainError.notFound(LocalizedText(zh: "外呼公司或其现场“\(name)”", en: "a vendor or vendor site named \(name)"))
    }
}
