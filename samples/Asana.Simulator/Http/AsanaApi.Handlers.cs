using Asana.Permissions.Sources;
using Asana.Simulator.Model;
using Microsoft.AspNetCore.Http;

namespace Asana.Simulator.Http;

/// <summary>The handlers.</summary>
internal sealed partial class AsanaApi
{
    private static readonly IComparer<string> GidOrder = Comparer<string>.Create((a, b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));

    private ResponseBody Workspaces(HttpContext ctx) => Page(ctx, [_org.WorkspaceGid], (w, _, sel) => _writer.Workspace(w, sel));

    private ResponseBody Workspace(HttpContext ctx)
    {
        RequireWorkspace(Route(ctx), "workspace");
        var sel = Fields(ctx);
        return Single(ctx, w => _writer.Workspace(w, sel));
    }

    /// <summary><c>GET /users?workspace=&amp;team=</c>: sorted by user id; inactive users included.</summary>
    private ResponseBody Users(HttpContext ctx)
    {
        var workspace = Query(ctx, "workspace");
        if (workspace is not null)
        {
            RequireWorkspace(workspace);
        }

        IEnumerable<SimUser> users = _org.UserList;
        if (Query(ctx, "team") is { } teamGid)
        {
            var team = FindTeam(teamGid);
            users = team.Members.Select(m => _org.UsersByGid[m.UserGid]);
        }

        var list = users.OrderBy(u => u.Gid, GidOrder).ToList();
        return Page(ctx, list, _writer.User);
    }

    private ResponseBody User(HttpContext ctx)
    {
        var user = FindUser(Route(ctx));
        var sel = Fields(ctx);
        return Single(ctx, w => _writer.User(w, user, sel));
    }

    /// <summary><c>GET /workspaces/{gid}/users</c>: alphabetical, capped at 2,000, never a next_page.</summary>
    private ResponseBody WorkspaceUsers(HttpContext ctx)
    {
        RequireWorkspace(Route(ctx));
        var list = _org.UserList.OrderBy(u => u.Name, StringComparer.Ordinal).Take(2000).ToList();
        var sel = Fields(ctx);
        return new ResponseBody(200, Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var u in list)
            {
                _writer.User(w, u, sel);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, Pretty(ctx)));
    }

    private ResponseBody WorkspaceMemberships(HttpContext ctx)
    {
        RequireWorkspace(Route(ctx));
        IReadOnlyList<SimUser> users = _org.UserList;
        if (Query(ctx, "user") is { } user)
        {
            users = [FindUser(user)];
        }

        return Page(ctx, users, _writer.WorkspaceMembership);
    }

    private ResponseBody Teams(HttpContext ctx)
    {
        RequireWorkspace(Route(ctx));
        if (!_org.IsOrganization)
        {
            throw new ApiException(400, "workspace: Not an organization. Teams exist only in organizations.");
        }

        return Page(ctx, _org.TeamList, _writer.Team);
    }

    private ResponseBody UserTeams(HttpContext ctx)
    {
        var user = FindUser(Route(ctx));
        RequireWorkspace(Query(ctx, "organization"), "organization");
        if (!_org.IsOrganization)
        {
            throw new ApiException(400, "organization: Not an organization.");
        }

        return Page(ctx, _org.TeamList.Where(t => t.Members.Exists(m => m.UserGid == user.Gid)).ToList(), _writer.Team);
    }

    private ResponseBody Team(HttpContext ctx)
    {
        var team = FindTeam(Route(ctx));
        var sel = Fields(ctx);
        return Single(ctx, w => _writer.Team(w, team, sel));
    }

    private ResponseBody TeamMemberships(HttpContext ctx) => Page(ctx, FindTeam(Route(ctx)).Members, _writer.TeamMembership);

    private ResponseBody TeamMembershipsQuery(HttpContext ctx)
    {
        if (Query(ctx, "team") is { } team)
        {
            return Page(ctx, FindTeam(team).Members, _writer.TeamMembership);
        }

        var user = Query(ctx, "user") ?? throw new ApiException(400, "team: Missing input. Pass team, or user with workspace.");
        RequireWorkspace(Query(ctx, "workspace"));
        var u = FindUser(user);
        return Page(ctx, _org.TeamList.SelectMany(t => t.Members).Where(m => m.UserGid == u.Gid).ToList(), _writer.TeamMembership);
    }

    private ResponseBody Projects(HttpContext ctx)
    {
        var workspace = Query(ctx, "workspace");
        var team = Query(ctx, "team");
        if (workspace is null && team is null)
        {
            throw new ApiException(400, "workspace: Missing input");
        }

        if (workspace is not null)
        {
            RequireWorkspace(workspace);
        }

        IEnumerable<SimProject> projects = _org.ProjectList.Where(Sees);
        if (team is not null)
        {
            FindTeam(team);
            projects = projects.Where(p => p.TeamGid == team);
        }

        return Page(ctx, FilterArchived(ctx, projects), _writer.Project);
    }

    private ResponseBody WorkspaceProjects(HttpContext ctx)
    {
        RequireWorkspace(Route(ctx));
        return Page(ctx, FilterArchived(ctx, _org.ProjectList.Where(Sees)), _writer.Project);
    }

    private ResponseBody TeamProjects(HttpContext ctx)
    {
        var team = FindTeam(Route(ctx));
        return Page(ctx, FilterArchived(ctx, _org.ProjectList.Where(p => p.TeamGid == team.Gid && Sees(p))), _writer.Project);
    }

    private static List<SimProject> FilterArchived(HttpContext ctx, IEnumerable<SimProject> projects) =>
        Bool(ctx, "archived") is { } archived ? projects.Where(p => p.Archived == archived).ToList() : projects.ToList();

    private ResponseBody Project(HttpContext ctx)
    {
        var project = FindProject(Route(ctx), ProjectFaultTarget.Project);
        var sel = Fields(ctx);
        return Single(ctx, w => _writer.Project(w, project, sel));
    }

    /// <summary>
    /// <c>GET /memberships?parent=</c> (users and teams), or <c>?member={team}&amp;resource_subtype=project_membership</c>.
    /// Without <c>opt_fields</c> each record is the compact membership (parent, member, access_level).
    /// </summary>
    private ResponseBody Memberships(HttpContext ctx)
    {
        var parent = Query(ctx, "parent");
        var member = Query(ctx, "member");
        if (parent is not null && _org.PortfoliosByGid.TryGetValue(parent, out var portfolio))
        {
            return PortfolioMemberships(ctx, FindPortfolio(portfolio.Gid, "parent"), member);
        }

        List<SimProjectMembership> list;
        if (parent is not null)
        {
            var project = FindProject(parent, ProjectFaultTarget.Memberships, "parent");
            list = member is null ? project.Members : project.Members.Where(m => m.MemberGid == member).ToList();
        }
        else if (member is not null)
        {
            if (!_org.TeamsByGid.ContainsKey(member))
            {
                throw new ApiException(400, "member: Without parent, member must be a team.");
            }

            list = _org.ProjectList.Where(Sees).SelectMany(p => p.Members).Where(m => m.MemberGid == member).ToList();
        }
        else
        {
            throw new ApiException(400, "parent: Missing input");
        }

        return Page(ctx, list, (w, m, sel) => _writer.Membership(w, m, sel, legacy: false));
    }

    /// <summary><c>GET /projects/{gid}/project_memberships</c>: the older endpoint, user members only.</summary>
    private ResponseBody LegacyProjectMemberships(HttpContext ctx)
    {
        var project = FindProject(Route(ctx), ProjectFaultTarget.Memberships);
        var users = project.Members.Where(m => m.Kind == MemberKind.User);
        if (Query(ctx, "user") is { } user)
        {
            var u = FindUser(user);
            users = users.Where(m => m.MemberGid == u.Gid);
        }

        return Page(ctx, users.ToList(), (w, m, sel) => _writer.Membership(w, m, sel, legacy: true));
    }

    private ResponseBody Sections(HttpContext ctx)
    {
        var project = FindProject(Route(ctx), ProjectFaultTarget.Sections);
        return Page(ctx, project.SectionGids.Select(g => _org.SectionsByGid[g]).ToList(), _writer.Section);
    }

    private ResponseBody Section(HttpContext ctx)
    {
        var section = _org.SectionsByGid.GetValueOrDefault(Route(ctx)) ?? throw new ApiException(404, $"section: Unknown object: {Route(ctx)}");
        if (!Sees(_org.ProjectsByGid[section.ProjectGid]))
        {
            throw new ApiException(403, "Forbidden: you do not have access to this section.");
        }

        var sel = Fields(ctx);
        return Single(ctx, w => _writer.Section(w, section, sel));
    }

    private ResponseBody SectionTasks(HttpContext ctx)
    {
        var section = _org.SectionsByGid.GetValueOrDefault(Route(ctx)) ?? throw new ApiException(404, $"section: Unknown object: {Route(ctx)}");
        FindProject(section.ProjectGid, ProjectFaultTarget.Tasks);
        return Page(ctx, CompletedSince(ctx, SectionTaskList(section)), _writer.Task);
    }

    private IEnumerable<SimTask> SectionTaskList(SimSection section) =>
        _org.ProjectsByGid[section.ProjectGid].TaskGids.Select(g => _org.TasksByGid[g])
            .Where(t => t.Memberships.Exists(m => m.SectionGid == section.Gid));

    /// <summary><c>GET /projects/{gid}/tasks</c>: the project's tasks in priority order; subtasks only if added to the project.</summary>
    private ResponseBody ProjectTasks(HttpContext ctx)
    {
        var project = FindProject(Route(ctx), ProjectFaultTarget.Tasks);
        return Page(ctx, CompletedSince(ctx, project.TaskGids.Select(g => _org.TasksByGid[g])), _writer.Task);
    }

    /// <summary><c>GET /tasks</c> with <c>project</c>, <c>section</c>, or <c>assignee</c> + <c>workspace</c>; <c>modified_since</c>, <c>completed_since</c>.</summary>
    private ResponseBody Tasks(HttpContext ctx)
    {
        var project = Query(ctx, "project");
        var section = Query(ctx, "section");
        var assignee = Query(ctx, "assignee");
        var workspace = Query(ctx, "workspace");
        IEnumerable<SimTask> tasks;
        if (project is not null)
        {
            tasks = FindProject(project, ProjectFaultTarget.Tasks).TaskGids.Select(g => _org.TasksByGid[g]);
        }
        else if (section is not null)
        {
            var s = _org.SectionsByGid.GetValueOrDefault(section) ?? throw new ApiException(404, $"section: Unknown object: {section}");
            FindProject(s.ProjectGid, ProjectFaultTarget.Tasks);
            tasks = SectionTaskList(s);
        }
        else if (assignee is not null || workspace is not null)
        {
            if (assignee is null || workspace is null)
            {
                throw new ApiException(400, assignee is null ? "assignee: Missing input. assignee and workspace must be used together." : "workspace: Missing input. assignee and workspace must be used together.");
            }

            RequireWorkspace(workspace);
            var user = FindUser(assignee);
            tasks = _org.AssignedTasks(user.Gid).Where(Sees);
        }
        else
        {
            throw new ApiException(400, "project: Missing input. You must specify a project or tag if you do not specify assignee and workspace.");
        }

        if (Date(ctx, "modified_since") is { } since)
        {
            // getTasks counts association changes (added to a project, moved) as modifications; modified_at does not.
            tasks = tasks.Where(t => t.ModifiedAt >= since || t.AssociationsModifiedAt >= since);
        }

        return Page(ctx, CompletedSince(ctx, tasks), _writer.Task);
    }

    private static List<SimTask> CompletedSince(HttpContext ctx, IEnumerable<SimTask> tasks)
    {
        var text = Query(ctx, "completed_since");
        if (text is null)
        {
            return tasks.ToList();
        }

        if (text == "now")
        {
            return tasks.Where(t => !t.Completed).ToList();
        }

        var since = Date(ctx, "completed_since")!.Value;
        return tasks.Where(t => !t.Completed || (t.CompletedAt is { } c && c >= since)).ToList();
    }

    private ResponseBody UserTaskList(HttpContext ctx)
    {
        var user = FindUser(Route(ctx));
        RequireWorkspace(Query(ctx, "workspace"));
        var sel = Fields(ctx);
        return Single(ctx, w => _writer.UserTaskList(w, user, sel));
    }

    private SimUser FindUserTaskList(string gid) =>
        _org.UserList.Find(u => u.UserTaskListGid == gid) ?? throw new ApiException(404, $"user_task_list: Unknown object: {gid}");

    private ResponseBody UserTaskListByGid(HttpContext ctx)
    {
        var user = FindUserTaskList(Route(ctx));
        var sel = Fields(ctx);
        return Single(ctx, w => _writer.UserTaskList(w, user, sel));
    }

    /// <summary>My Tasks: the tasks and subtasks assigned to the list's owner.</summary>
    private ResponseBody UserTaskListTasks(HttpContext ctx)
    {
        var user = FindUserTaskList(Route(ctx));
        return Page(ctx, CompletedSince(ctx, _org.AssignedTasks(user.Gid).Where(Sees)), _writer.Task);
    }

    private ResponseBody Task(HttpContext ctx)
    {
        var task = FindTask(Route(ctx));
        var sel = Fields(ctx);
        return Single(ctx, w => _writer.Task(w, task, sel));
    }

    private ResponseBody Subtasks(HttpContext ctx)
    {
        var task = FindTask(Route(ctx));
        return Page(ctx, task.Subtasks.Select(g => _org.TasksByGid[g]).Where(Sees).ToList(), _writer.Task);
    }

    /// <summary>
    /// <c>GET /workspaces/{gid}/tasks/search</c>: 402 unless <see cref="SimulatorOptions.PremiumSearch"/>. No offset
    /// paging (only <c>data</c>, at most <c>limit</c> ≤ 100 items, 100 by default); filters text, is_subtask, completed,
    /// resource_subtype (one value; <c>milestone</c> when absent, as the OAS documents), created_at/modified_at
    /// .after/.before (strict; modified_at is the task's own, which a move between projects leaves alone),
    /// assignee.any, projects.any; sort_by created_at
    /// or modified_at (default), sort_ascending. Returns every matching task the token sees, project-less ones and
    /// subtasks included, with the requested <c>opt_fields</c>; a caller pages by sorting on
    /// created_at ascending and passing the last created_at seen as <c>created_at.after</c>. The index is exact (no lag).
    /// </summary>
    private ResponseBody Search(HttpContext ctx)
    {
        RequireWorkspace(Route(ctx));
        if (!_options.PremiumSearch)
        {
            throw new ApiException(402, "Search is only available to premium users.");
        }

        var limit = 100;
        if (Query(ctx, "limit") is { } limitText
            && (!int.TryParse(limitText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 100))
        {
            throw new ApiException(400, "limit: Must be between 1 and 100");
        }

        IEnumerable<SimTask> tasks = _org.TaskList.Where(Sees);
        if (Query(ctx, "text") is { } text)
        {
            tasks = tasks.Where(t => t.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || t.Notes.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        if (Bool(ctx, "is_subtask") is { } isSubtask)
        {
            tasks = tasks.Where(t => (t.ParentGid is not null) == isSubtask);
        }

        if (Bool(ctx, "completed") is { } completed)
        {
            tasks = tasks.Where(t => t.Completed == completed);
        }

        // The OAS documents resource_subtype with default "milestone": a search naming no subtype finds milestones only.
        var subtype = Query(ctx, "resource_subtype") ?? "milestone";
        if (subtype is not ("default_task" or "milestone" or "approval" or "custom"))
        {
            throw new ApiException(400, $"resource_subtype: Not a valid enum value: {subtype}");
        }

        tasks = tasks.Where(t => t.ResourceSubtype == subtype);

        if (Date(ctx, "created_at.after") is { } ca) { tasks = tasks.Where(t => t.CreatedAt > ca); }
        if (Date(ctx, "created_at.before") is { } cb) { tasks = tasks.Where(t => t.CreatedAt < cb); }
        if (Date(ctx, "modified_at.after") is { } ma) { tasks = tasks.Where(t => t.ModifiedAt > ma); }
        if (Date(ctx, "modified_at.before") is { } mb) { tasks = tasks.Where(t => t.ModifiedAt < mb); }
        if (Query(ctx, "assignee.any") is { } assignees)
        {
            var set = assignees.Split(',').ToHashSet(StringComparer.Ordinal);
            tasks = tasks.Where(t => t.AssigneeGid is not null && set.Contains(t.AssigneeGid));
        }

        if (Query(ctx, "projects.any") is { } projects)
        {
            var set = projects.Split(',').ToHashSet(StringComparer.Ordinal);
            tasks = tasks.Where(t => t.Memberships.Exists(m => set.Contains(m.ProjectGid)));
        }

        var ascending = Bool(ctx, "sort_ascending") ?? false;
        Func<SimTask, DateTimeOffset> key = Query(ctx, "sort_by") switch
        {
            "created_at" => t => t.CreatedAt,
            null or "modified_at" or "relevance" => t => t.ModifiedAt,
            var other => throw new ApiException(400, $"sort_by: Not a supported value: {other}"),
        };
        var ordered = (ascending ? tasks.OrderBy(key) : tasks.OrderByDescending(key)).ThenBy(t => t.Gid, GidOrder).Take(limit).ToList();
        var sel = Fields(ctx);
        return new ResponseBody(200, Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var t in ordered)
            {
                _writer.Task(w, t, sel);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, Pretty(ctx)));
    }

    /// <summary><c>GET /events?resource=&amp;sync=</c>: 412 with a fresh token when the token is missing, unknown or expired.</summary>
    private ResponseBody Events(HttpContext ctx)
    {
        var resource = Query(ctx, "resource") ?? throw new ApiException(400, "resource: Missing input");
        if (_org.ProjectsByGid.ContainsKey(resource))
        {
            FindProject(resource, ProjectFaultTarget.Project, "resource");
        }
        else if (_org.PortfoliosByGid.ContainsKey(resource))
        {
            FindPortfolio(resource, "resource");
        }
        else if (_org.TasksByGid.ContainsKey(resource))
        {
            FindTask(resource);
        }
        else if (resource == _org.WorkspaceGid)
        {
            RequireServiceAccount();
        }
        else if (!_org.TeamsByGid.ContainsKey(resource))
        {
            throw new ApiException(404, $"resource: Unknown object: {resource}");
        }

        return EventPage(ctx, resource, _options.EventsPerSync);
    }

    /// <summary><c>GET /workspaces/{gid}/events?sync=</c>: every event, 1,000 per call; 402 unless <see cref="SimulatorOptions.WorkspaceEvents"/>.</summary>
    private ResponseBody WorkspaceEvents(HttpContext ctx)
    {
        RequireWorkspace(Route(ctx));
        if (!_options.WorkspaceEvents)
        {
            throw new ApiException(402, "Workspace events are only available to service accounts of Enterprise+ domains.");
        }

        RequireServiceAccount();

        return EventPage(ctx, _org.WorkspaceGid, 1000);
    }

    private ResponseBody EventPage(HttpContext ctx, string resource, int max)
    {
        var scope = "events:" + resource;
        var sync = Query(ctx, "sync");
        if (sync is null || SyncTokens.Read(sync, scope, out var position) != TokenStatus.Valid)
        {
            return Error(412, SyncMessage, sync: SyncTokens.Issue(scope, _org.LastSequence));
        }

        var stream = _org.Streams.GetValueOrDefault(resource) ?? [];
        var start = FirstAfter(stream, position);
        var end = Math.Min(stream.Count, start + max);
        var hasMore = end < stream.Count;
        var next = hasMore ? stream[end - 1].Sequence : _org.LastSequence;
        return new ResponseBody(200, Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            for (var i = start; i < end; i++)
            {
                ResourceWriter.Event(w, stream[i]);
            }

            w.WriteEndArray();
            w.WriteString("sync", SyncTokens.Issue(scope, next));
            w.WriteBoolean("has_more", hasMore);
            w.WriteEndObject();
        }, Pretty(ctx)));
    }

    private static int FirstAfter(List<SimEvent> stream, long sequence)
    {
        int lo = 0, hi = stream.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (stream[mid].Sequence <= sequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
