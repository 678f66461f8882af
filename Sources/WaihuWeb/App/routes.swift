import Vapor

/// Every route of Waihu, each declared through `endpoint` with its permission.
func routes(_ app: Application) throws {
    OperationsController.register(app)
    AuthController.register(app)
    UserController.register(app)
    SiteController.register(app)
    AgentController.register(app)
    ProjectController.register(app)
    BatchController.register(app)
    LeadController.register(app)
    PolicyController.register(app)
    DeskController.register(app)
    ScriptController.register(app)
    ScriptPages.register(app)
    DialerController.register(app)
    DeskPages.register(app)
    WallboardController.register(app)
    MetricsController.register(app)
    RecordsController.register(app)
    ReportsController.register(app)
    OrdersController.register(app)
    QualityController.register(app)
    PenaltyController.register(app)
    ComplaintController.register(app)
    AuditController.register(app)
    HomePages.register(app)
}
