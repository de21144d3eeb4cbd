namespace Asana.OpenApiSurface;

/// <summary>
/// The Asana operations <c>Asana.Client</c> calls, by <c>operationId</c>: the surface file holds these only. A client
/// request that matches none of them fails the conformance test; add the operation here and regenerate.
/// </summary>
public static class ClientOperations
{
    public static readonly IReadOnlyList<string> OperationIds =
    [
        "getWorkspaces",
        "getWorkspace",
        "getUsers",
        "getWorkspaceMembershipsForWorkspace",
        "getTeamsForWorkspace",
        "getTeamMembershipsForTeam",
        "getProjects",
        "getProject",
        "getMemberships",
        "getPortfolios",
        "getProjectPortfolioSettingsForPortfolio",
        "getSectionsForProject",
        "getTasks",
        "getTasksForProject",
        "getTasksForUserTaskList",
        "getTask",
        "getSubtasksForTask",
        "searchTasksForWorkspace",
        "getEvents",
        "getWebhooks",
        "createWebhook",
        "deleteWebhook",
    ];
}
