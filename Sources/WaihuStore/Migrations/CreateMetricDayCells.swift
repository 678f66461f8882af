import Fluent
import SQLKit

/// Day cells of the metrics (`MetricCells`): per local day, project and agent, the sums packed as text;
/// and the days whose cells are built. A day is rebuilt from the events when it is missing here.
struct CreateMetricDayCells: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("metric_day_cells")
            .field("day", .string, .required)
            .field("project", .string, .required)
            .field("agent", .string, .required)
            .field("sums", .string, .required)
            .create()
        try await database.schema("metric_days")
            .field("day", .string, .required)
            .field("built_at", .datetime, .required)
            .unique(on: "day")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "metric_day_cells_day").on("metric_day_cells").column("day").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("metric_days").delete()
        try await database.schema("metric_day_cells").delete()
    }
}
