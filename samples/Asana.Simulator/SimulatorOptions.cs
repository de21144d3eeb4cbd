namespace Asana.Simulator;

/// <summary>How <see cref="SimulatedAsana"/> behaves.</summary>
public sealed record SimulatorOptions
{
    /// <summary>
    /// The service-account bearer token: it sees everything in the workspace (like an Enterprise service account).
    /// Any token that is neither this nor a personal access token (or none) gets 401.
    /// </summary>
    public string AccessToken { get; init; } = "simulated-asana-token";

    /// <summary>
    /// Personal access tokens: token → user gid. Such a token sees only what its user sees under the rules (public
    /// projects, projects the user is a member of or reaches through a team or portfolio, tasks the user may see):
    /// project lists leave the others out, reads of them answer 403, task lists and search hold only visible tasks,
    /// <c>GET /portfolios</c> only the user's own portfolios. Users, workspace memberships and teams stay listed. The token
    /// of a deactivated user, or of an invitee who has not joined, gets 401. See also
    /// <see cref="SimulatedAsana.IssuePersonalAccessToken"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> PersonalAccessTokens { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether <c>GET /workspaces/{gid}/tasks/search</c> is available (otherwise 402 Payment Required).</summary>
    public bool PremiumSearch { get; init; }

    /// <summary>Whether <c>GET /workspaces/{gid}/events</c> is available (Enterprise+ service accounts; otherwise 402).</summary>
    public bool WorkspaceEvents { get; init; }

    /// <summary>How long an offset token stays valid; null for ever. Asana's observed lifetime is about 15 minutes.</summary>
    public TimeSpan? OffsetLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an events sync token stays valid; null for ever. Asana: 24 hours at most.</summary>
    public TimeSpan? SyncTokenLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Events per <c>GET /events</c> answer (Asana: 100).</summary>
    public int EventsPerSync { get; init; } = 100;

    /// <summary>
    /// Without <c>limit</c>, a list holding more than 100 items answers 400 "The result is too large" (as Asana does).
    /// When false, it answers the first 100 items without <c>next_page</c> instead.
    /// </summary>
    public bool RejectLargeUnpaginatedResults { get; init; } = true;

    /// <summary>Added latency per request (none by default).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>The clock for offset and sync token expiry; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How webhooks are delivered: batching, heartbeats, loss, duplication, reordering, retries, deletion.</summary>
    public WebhookDeliveryOptions Webhooks { get; init; } = WebhookDeliveryOptions.Default;

    /// <summary>The defaults.</summary>
    public static SimulatorOptions Default { get; } = new();
}
