import Fluent

/// Every migration of Waihu, in the order they run. Append new ones; never edit a landed one.
public enum WaihuMigrations {
    public static var all: [any Migration] {
        [
            CreateOrganisation(),
            CreateSites(),
            CreateUsers(),
            CreateTeams(),
            CreateAgents(),
            CreateAPITokens(),
            CreateProjects(),
            CreateAuditLog(),
            CreateLeads(),
            UpdateProjectsAddRecycleMonths(),
            CreateContactPolicy(),
            UpdateLeadsAddAttemptState(),
            CreateDispositionSets(),
            CreateComplaints(),
            CreateAgentStateIntervals(),
            UpdateProjectsAddDialMode(),
            CreateDialerLeases(),
            UpdateAgentStateIntervalsAddAutoClosed(),
            CreateWorkSchedules(),
            CreateOrders(),
            UpdateProjectsAddConversationThresholds(),
            CreateReports(),
            CreateMetricDayCells(),
            UpdateOrdersAddCapture(),
            UpdateLeadsAddCallbackOwner(),
            CreateScripts(),
            UpdateAttemptsAddDialRequest(),
            CreateWebSessions(),
            CreateLoginThrottles(),
            UpdateIndexesForTheDesk(),
            UpdateUsersDropAccountLock(),
            UpdateOrdersAddRejection(),
            UpdateAttemptsAddHangUpRequest(),
            UpdateProjectsAddDailyTarget(),
            UpdateProjectsAddProducts(),
            UpdateAgentStateIntervalsAddSeenAt(),
            UpdateOrdersAddFollowUp(),
            UpdateIndexesForTheDashboard(),
            CreateQuality(),
            CreateTranscripts(),
        ]
    }
}
