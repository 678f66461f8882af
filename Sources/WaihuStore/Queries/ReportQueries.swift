import Fluent
import Foundation
import WaihuCore

/// Generated reports, kept whole.
public enum ReportQueries {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    public static func exists(_ kind: ReportKind, period: LocalDate, on db: any Database) async throws -> Bool {
        try await ReportModel.query(on: db).filter(\.$kind == kind.rawValue).filter(\.$period == period.description).count() > 0
    }

    /// Keeps a report; a report of the same kind and period already kept (by another process) wins.
    @discardableResult
    public static func save(_ report: OperationsReport, on db: any Database) async throws -> Bool {
        guard try await !exists(report.kind, period: report.first_day, on: db) else { return false }
        let model = ReportModel()
        model.kind = report.kind.rawValue
        model.period = report.first_day.description
        model.generatedAt = report.generated_at
        model.content = String(decoding: try encoder.encode(report), as: UTF8.self)
        do {
            try await model.create(on: db)
            return true
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return false
        }
    }

    /// The reports kept, newest period first, without their content.
    public static func list(on db: any Database) async throws -> [(id: UUID, kind: ReportKind, period: LocalDate, generatedAt: Date)] {
        try await ReportModel.query(on: db).field(\.$id).field(\.$kind).field(\.$period).field(\.$generatedAt).sort(\.$period, .descending).sort(\.$kind).all()
            .compactMap { model in
                guard let id = model.id, let kind = ReportKind(rawValue: model.kind), let period = LocalDate(model.period) else { return nil }
                return (id, kind, period, model.generatedAt)
            }
    }

    public static func report(_ id: UUID, on db: any Database) async throws -> OperationsReport? {
        guard let model = try await ReportModel.find(id, on: db) else { return nil }
        return try decoder.decode(OperationsReport.self, from: Data(model.content.utf8))
    }
}
