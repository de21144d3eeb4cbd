using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Asana.Permissions.Sources;
using Asana.Simulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Asana.Simulator.Http;

/// <summary>The endpoints under <c>/api/1.0</c>. Every handler runs under the organization's lock and builds its whole body.</summary>
internal sealed partial class AsanaApi
{
    public const string Prefix = "/api/1.0";
    private const string Help = "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors";
    private const string SyncMessage = "Sync token invalid or too old. If you are attempting to keep resources in sync, you must fetch the full dataset for this query now and use the new sync token for the next sync.";
    internal const string FaultItem = "asana-simulator-fault";

    /// <summary>The <c>HttpContext.Items</c> key under which the pipeline leaves the user gid of a personal access token.</summary>
    internal const string ViewerItem = "asana-simulator-viewer";

    private readonly SimulatedOrganization _org;
    private readonly SimulatorOptions _options;
    private readonly FaultInjector _faults;
    private readonly ResourceWriter _writer;

    /// <summary>
    /// The user of the request's personal access token, or null for the service-account token. Handlers run one at a
    /// time under the organization's lock, which is held while this is set and read.
    /// </summary>
    private SimUser? _viewer;

    public AsanaApi(SimulatedOrganization org, SimulatorOptions options, FaultInjector faults)
    {
        _org = org;
        _options = options;
        _faults = faults;
        _writer = new ResourceWriter(org);
        Offsets = new TokenCodec("offset", options.TimeProvider, options.OffsetLifetime);
        SyncTokens = new TokenCodec("sync", options.TimeProvider, options.SyncTokenLifetime);
    }

    public TokenCodec Offsets { get; }

    public TokenCodec SyncTokens { get; }

    public Uri? BaseAddress { get; set; }

    public void Map(IEndpointRouteBuilder app)
    {
        Get(app, "/workspaces", Workspaces);
        Get(app, "/workspaces/{gid}", Workspace);
        Get(app, "/workspaces/{gid}/users", WorkspaceUsers);
        Get(app, "/workspaces/{gid}/workspace_memberships", WorkspaceMemberships);
        Get(app, "/workspaces/{gid}/teams", Teams);
        Get(app, "/workspaces/{gid}/projects", WorkspaceProjects);
        Get(app, "/workspaces/{gid}/tasks/search", Search);
        Get(app, "/workspaces/{gid}/events", WorkspaceEvents);
        Get(app, "/users", Users);
        Get(app, "/users/{gid}", User);
        Get(app, "/users/{gid}/teams", UserTeams);
        Get(app, "/users/{gid}/user_task_list", UserTaskList);
        Get(app, "/user_task_lists/{gid}", UserTaskListByGid);
        Get(app, "/user_task_lists/{gid}/tasks", UserTaskListTasks);
        Get(app, "/teams/{gid}", Team);
        Get(app, "/teams/{gid}/team_memberships", TeamMemberships);
        Get(app, "/team_memberships", TeamMembershipsQuery);
        Get(app, "/teams/{gid}/projects", TeamProjects);
        Get(app, "/projects", Projects);
        Get(app, "/projects/{gid}", Project);
        Get(app, "/projects/{gid}/project_memberships", LegacyProjectMemberships);
        Get(app, "/memberships", Memberships);
        Get(app, "/projects/{gid}/sections", Sections);
        Get(app, "/sections/{gid}", Section);
        Get(app, "/sections/{gid}/tasks", SectionTasks);
        Get(app, "/projects/{gid}/tasks", ProjectTasks);
        Get(app, "/tasks", Tasks);
        Get(app, "/tasks/{gid}", Task);
        Get(app, "/tasks/{gid}/subtasks", Subtasks);
        Get(app, "/events", Events);
        MapPortfolios(app);
        MapWebhooks(app);
    }

    private void Get(IEndpointRouteBuilder app, string pattern, Func<HttpContext, ResponseBody> handler) =>
        app.MapGet(Prefix + pattern, ctx => RunAsync(ctx, handler));

    private async Task RunAsync(HttpContext ctx, Func<HttpContext, ResponseBody> handler)
    {
        ResponseBody body;
        try
        {
            lock (_org.Gate)
            {
                _viewer = Viewer(ctx);
                _writer.Viewer = _viewer;
                try
                {
                    body = handler(ctx);
                }
                finally
                {
                    _viewer = null;
                    _writer.Viewer = null;
                }
            }
        }
        catch (ApiException e)
        {
            body = Error(e.Status, e.Message);
        }

        await SendAsync(ctx, body);
    }

    /// <summary>
    /// The user of a personal access token; null for the service account. A token of a user who is deactivated (or has
    /// not joined yet) is refused, as Asana revokes a deactivated user's tokens.
    /// </summary>
    private SimUser? Viewer(HttpContext ctx)
    {
        if (ctx.Items[ViewerItem] is not string gid)
        {
            return null;
        }

        return _org.UsersByGid.TryGetValue(gid, out var user) && user.IsActive && !user.IsPendingInvitation
            ? user
            : throw new ApiException(401, "Not Authorized");
    }

    internal static async Task SendAsync(HttpContext ctx, ResponseBody body)
    {
        var fault = body.Status == 200 ? ctx.Items[FaultItem] as FaultKind? : null;
        ctx.Response.StatusCode = body.Status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        if (body.RetryAfter is not null)
        {
            ctx.Response.Headers.RetryAfter = body.RetryAfter;
        }

        switch (fault)
        {
            case FaultKind.TruncatedBody:
                ctx.Response.ContentLength = body.Json.Length;
                await ctx.Response.Body.WriteAsync(body.Json.AsMemory(0, body.Json.Length / 2));
                await ctx.Response.Body.FlushAsync();
                ctx.Items["asana-simulator-aborted"] = true;
                ctx.Abort();
                return;
            case FaultKind.MalformedJson:
                ctx.Response.ContentLength = body.Json.Length / 2;
                await ctx.Response.Body.WriteAsync(body.Json.AsMemory(0, body.Json.Length / 2));
                return;
            default:
                ctx.Response.ContentLength = body.Json.Length;
                await ctx.Response.Body.WriteAsync(body.Json);
                return;
        }
    }

    internal static ResponseBody Error(int status, string message, string? retryAfter = null, string? sync = null)
    {
        return new ResponseBody(status, Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteString("help", Help);
            if (status >= 500)
            {
                w.WriteString("phrase", "6 sad squid snuggle softly");
            }

            w.WriteEndObject();
            w.WriteEndArray();
            if (sync is not null)
            {
                w.WriteString("sync", sync);
            }

            w.WriteEndObject();
        }), retryAfter);
    }

    private static byte[] Write(Action<Utf8JsonWriter> write, bool pretty = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = pretty, SkipValidation = true }))
        {
            write(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool Pretty(HttpContext ctx) => string.Equals(Query(ctx, "opt_pretty"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Query(HttpContext ctx, string name)
    {
        var value = ctx.Request.Query[name].ToString();
        return value.Length == 0 ? null : value;
    }

    private static string Route(HttpContext ctx) => (string)ctx.Request.RouteValues["gid"]!;

    private static FieldSelection? Fields(HttpContext ctx) => FieldSelection.Parse(Query(ctx, "opt_fields"));

    private static ResponseBody Single(HttpContext ctx, Action<Utf8JsonWriter> write) =>
        new(200, Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            write(w);
            w.WriteEndObject();
        }, Pretty(ctx)));

    /// <summary>A paginated list: <c>limit</c> 1–100, opaque expiring <c>offset</c>, <c>next_page</c> when limit is given.</summary>
    private ResponseBody Page<T>(HttpContext ctx, IReadOnlyList<T> items, Action<Utf8JsonWriter, T, FieldSelection?> write)
    {
        int? limit = null;
        var limitText = Query(ctx, "limit");
        if (limitText is not null)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var l) || l < 1 || l > 100)
            {
                throw new ApiException(400, "limit: Must be between 1 and 100");
            }

            limit = l;
        }

        var scope = Scope(ctx);
        long position = 0;
        var offset = Query(ctx, "offset");
        if (offset is not null)
        {
            switch (Offsets.Read(offset, scope, out position))
            {
                case TokenStatus.Invalid:
                    throw new ApiException(400, "offset: Not a valid offset. You can only pass in an offset that was returned to you via a previously paginated request.");
                case TokenStatus.Expired:
                    throw new ApiException(400, "offset: Your pagination token has expired. Offset tokens expire after some time, as data may have changed: restart from the first page.");
            }
        }

        if (limit is null && offset is null && items.Count > 100)
        {
            if (_options.RejectLargeUnpaginatedResults)
            {
                throw new ApiException(400, "The result is too large. You should use pagination (may require specifying a workspace)!");
            }
        }

        var take = limit ?? 100;
        var start = (int)Math.Min(position, items.Count);
        var end = Math.Min(items.Count, start + take);
        var sel = Fields(ctx);
        return new ResponseBody(200, Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            for (var i = start; i < end; i++)
            {
                write(w, items[i], sel);
            }

            w.WriteEndArray();
            if (limit is not null)
            {
                if (end < items.Count)
                {
                    var token = Offsets.Issue(scope, end);
                    var path = NextPath(ctx, token);
                    w.WriteStartObject("next_page");
                    w.WriteString("offset", token);
                    w.WriteString("path", path);
                    w.WriteString("uri", BaseAddress is null ? path : BaseAddress.GetLeftPart(UriPartial.Authority) + Prefix + path);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("next_page");
                }
            }

            w.WriteEndObject();
        }, Pretty(ctx)));
    }

    /// <summary>What an offset is valid for: the path and the filtering parameters (not paging or field options).</summary>
    private static string Scope(HttpContext ctx)
    {
        var sb = new StringBuilder(ctx.Request.Path.Value);
        foreach (var pair in ctx.Request.Query.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (pair.Key is "offset" or "limit" or "opt_fields" or "opt_pretty")
            {
                continue;
            }

            sb.Append(';').Append(pair.Key).Append('=').Append(pair.Value.ToString());
        }

        return sb.ToString();
    }

    private static string NextPath(HttpContext ctx, string offset)
    {
        var path = ctx.Request.Path.Value![Prefix.Length..];
        var parts = ctx.Request.Query.Where(p => p.Key != "offset")
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value.ToString()))
            .Append("offset=" + Uri.EscapeDataString(offset));
        return path + "?" + string.Join('&', parts);
    }

    private void RequireWorkspace(string? gid, string parameter = "workspace")
    {
        if (gid is null)
        {
            throw new ApiException(400, $"{parameter}: Missing input");
        }

        if (gid != _org.WorkspaceGid)
        {
            throw new ApiException(404, $"{parameter}: Unknown object: {gid}");
        }
    }

    private SimUser FindUser(string gidOrEmail)
    {
        if (gidOrEmail == "me")
        {
            return _viewer ?? _org.UserList.Find(u => u.IsAdmin && u.IsActive) ?? _org.UserList[0];
        }

        if (_org.UsersByGid.TryGetValue(gidOrEmail, out var user))
        {
            return user;
        }

        return _org.UserList.Find(u => string.Equals(u.Email, gidOrEmail, StringComparison.OrdinalIgnoreCase))
            ?? throw new ApiException(404, $"user: Unknown object: {gidOrEmail}");
    }

    /// <summary>Whether the token sees the project: a service account every one; a personal token those its user sees.</summary>
    private bool Sees(SimProject project) => _viewer is null || _org.CanSeeProject(_viewer, project);

    /// <summary>Whether the token sees the task: a service account every one; a personal token those its user sees.</summary>
    private bool Sees(SimTask task) => _viewer is null || _org.CanSeeTask(_viewer, task, projectlessVisibleToMembers: false);

    private SimProject FindProject(string gid, ProjectFaultTarget target, string parameter = "project")
    {
        if (_faults.EvaluateProject(gid, target) is { } status)
        {
            throw new ApiException(status, status == 403
                ? "Forbidden: you do not have access to this project."
                : $"{parameter}: Unknown object: {gid}");
        }

        var project = _org.ProjectsByGid.TryGetValue(gid, out var p) ? p : throw new ApiException(404, $"{parameter}: Unknown object: {gid}");
        return Sees(project) ? project : throw new ApiException(403, "Forbidden: you do not have access to this project.");
    }

    private SimTeam FindTeam(string gid) =>
        _org.TeamsByGid.TryGetValue(gid, out var t) ? t : throw new ApiException(404, $"team: Unknown object: {gid}");

    /// <summary>The task: 404 when unknown or deleted, 403 when a personal token's user cannot see it.</summary>
    private SimTask FindTask(string gid)
    {
        var task = _org.TasksByGid.TryGetValue(gid, out var t) ? t : throw new ApiException(404, $"task: Unknown object: {gid}");
        return Sees(task) ? task : throw new ApiException(403, "Forbidden: you do not have access to this task.");
    }

    /// <summary>Workspace-wide event streams carry everything: a personal token may not read them.</summary>
    private void RequireServiceAccount()
    {
        if (_viewer is not null)
        {
            throw new ApiException(403, "Forbidden: workspace events are only available to service accounts.");
        }
    }

    private static DateTimeOffset? Date(HttpContext ctx, string name)
    {
        var text = Query(ctx, name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new ApiException(400, $"{name}: Not a valid date-time: {text}");
    }

    private static bool? Bool(HttpContext ctx, string name)
    {
        var text = Query(ctx, name);
        return text is null ? null : bool.TryParse(text, out var value) ? value : throw new ApiException(400, $"{name}: Not a boolean: {text}");
    }
}
