using Asana.Permissions.Content;
using Asana.Permissions.Evaluation;
using Asana.Permissions.Graph;
using Asana.Permissions.Mapping;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Permissions.Tokens;

namespace Asana.Permissions;

/// <summary>
/// The permission model of one workspace: the Merge-shaped objects, and who can see which task and why.
/// Reads may run concurrently with each other; writes (<c>Upsert*</c>/<c>Remove*</c>) must not run concurrently
/// with anything (single writer).
/// </summary>
public sealed class WorkspacePermissions
{
    private static readonly Role[] AllRoles =
    [
        new(RoleIds.Admin, "Admin"),
        new(RoleIds.Guest, "Guest"),
        new(RoleIds.Member, "Member"),
    ];

    private readonly WorkspaceGraph _graph;
    private readonly VisibilityEvaluator _evaluator;
    private readonly GrantExplainer _explainer;
    private readonly PrincipalTokenCalculator _tokens;
    private readonly TaskOrdering _ordering;
    private readonly TicketContent _content;

    private WorkspacePermissions(WorkspaceData data, EvaluationOptions options)
    {
        Options = options;
        _graph = new WorkspaceGraph(data);
        _graph.Load(data);
        _evaluator = new VisibilityEvaluator(_graph, options);
        _explainer = new GrantExplainer(_graph, options);
        _tokens = new PrincipalTokenCalculator(_graph, options);
        _ordering = new TaskOrdering(_graph);
        _content = new TicketContent(data);
    }

    /// <summary>The workspace this model describes.</summary>
    public WorkspaceRecord Workspace => _graph.Workspace;

    /// <summary>The options the model evaluates with.</summary>
    public EvaluationOptions Options { get; }

    /// <summary>Builds the model, with every Merge object, from everything read from one workspace.</summary>
    /// <param name="data">The workspace's records; later records win over earlier ones with the same gid.</param>
    /// <param name="options">Evaluation choices; <see cref="EvaluationOptions.Default"/> when null.</param>
    /// <returns>The model.</returns>
    public static WorkspacePermissions Build(WorkspaceData data, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new WorkspacePermissions(data, options ?? EvaluationOptions.Default);
    }

    /// <summary>
    /// Finds a user by gid or by email address (case-insensitive). A gid wins over an email; an email several users
    /// share names none of them. Every method here that takes a user reads it this way.
    /// </summary>
    /// <param name="userGidOrEmail">A user gid or an email address.</param>
    /// <returns>The user gid, or null when no known user answers to it.</returns>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    public string? ResolveUser(string userGidOrEmail)
    {
        ArgumentNullException.ThrowIfNull(userGidOrEmail);
        var user = _graph.FindUser(userGidOrEmail);
        return user < 0 ? null : _graph.UserIds.GidAt(user);
    }

    /// <summary>Whether the user may see the task or subtask.</summary>
    /// <param name="user">A user gid or email address.</param>
    /// <param name="ticketGid">A task gid.</param>
    /// <returns>True when some grant applies; false otherwise, including for an unknown user or task.</returns>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    public bool CanView(string user, string ticketGid)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(ticketGid);
        var userIndex = _graph.FindUser(user);
        var task = _graph.TaskIds.Find(ticketGid);
        return userIndex >= 0 && task >= 0 && _evaluator.CanView(userIndex, task);
    }

    /// <summary>Every grant that lets the user see the task, or why none does.</summary>
    /// <param name="user">A user gid or email address.</param>
    /// <param name="ticketGid">A task gid.</param>
    /// <returns>The decision; allowed exactly when <see cref="CanView"/> is true.</returns>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    public AccessDecision Explain(string user, string ticketGid)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(ticketGid);
        return _explainer.Explain(_graph.FindUser(user), _graph.TaskIds.Find(ticketGid));
    }

    /// <summary>Every task and subtask the user may see.</summary>
    /// <param name="user">A user gid or email address.</param>
    /// <returns>Task gids in ordinal order; empty for an unknown or inactive user.</returns>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    public IReadOnlyList<string> ListAccessible(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userIndex = _graph.FindUser(user);
        return userIndex < 0 ? [] : _ordering.ToOrderedGids(_evaluator.Accessible(userIndex));
    }

    /// <summary>Every active user who may see the task.</summary>
    /// <param name="ticketGid">A task gid.</param>
    /// <returns>User gids in ordinal order; empty for an unknown task.</returns>
    public IReadOnlyList<string> ListPrincipals(string ticketGid)
    {
        ArgumentNullException.ThrowIfNull(ticketGid);
        var task = _graph.TaskIds.Find(ticketGid);
        return task < 0 ? [] : OrderedGids(_evaluator.Principals(task), _graph.UserIds);
    }

    /// <summary>The principal tokens to store on a ticket in a search index.</summary>
    /// <param name="ticketGid">A task gid.</param>
    /// <returns>Distinct tokens in ordinal order; empty for an unknown task.</returns>
    public IReadOnlyList<string> GetTicketPrincipalTokens(string ticketGid)
    {
        ArgumentNullException.ThrowIfNull(ticketGid);
        return _tokens.ForTicket(_graph.TaskIds.Find(ticketGid));
    }

    /// <summary>The principal tokens a user holds; the user may see a ticket exactly when they intersect its tokens.</summary>
    /// <param name="user">A user gid or email address.</param>
    /// <returns>Distinct tokens in ordinal order; empty for an unknown or inactive user.</returns>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    public IReadOnlyList<string> GetUserPrincipalTokens(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _tokens.ForUser(_graph.FindUser(user));
    }

    /// <summary>The Merge ticket of a task or subtask.</summary>
    /// <param name="ticketGid">A task gid.</param>
    /// <returns>The ticket, or null for an unknown task.</returns>
    public Ticket? GetTicket(string ticketGid)
    {
        ArgumentNullException.ThrowIfNull(ticketGid);
        var task = _graph.TaskIds.Find(ticketGid);
        return task < 0 ? null : _graph.Tickets[task];
    }

    /// <summary>The Merge collection of a project or section.</summary>
    /// <param name="collectionGid">A project or section gid.</param>
    /// <returns>The collection, or null when no such project or section exists.</returns>
    public Collection? GetCollection(string collectionGid)
    {
        ArgumentNullException.ThrowIfNull(collectionGid);
        var project = _graph.ProjectIds.Find(collectionGid);
        if (project >= 0 && _graph.ProjectCollections[project] is { } projectCollection)
        {
            return projectCollection;
        }

        var section = _graph.SectionIds.Find(collectionGid);
        return section < 0 ? null : _graph.SectionCollections[section];
    }

    /// <summary>The whole Merge-shaped model.</summary>
    /// <returns>Every role, user, team, collection and ticket, each list in ordinal order of remote id.</returns>
    public MergeModel ToMergeModel()
    {
        var graph = _graph;
        var users = new List<User>();
        for (var user = 0; user < graph.UserIds.Count; user++)
        {
            if (graph.IsKnownUser(user))
            {
                users.Add(UserFactory.Create(graph, user));
            }
        }

        users.Sort((a, b) => string.CompareOrdinal(a.RemoteId, b.RemoteId));

        var teams = new List<Team>();
        for (var team = 0; team < graph.TeamIds.Count; team++)
        {
            if (graph.TeamRecords[team] is { } record)
            {
                teams.Add(new Team(record.Gid, record.Name, record.Description));
            }
        }

        teams.Sort((a, b) => string.CompareOrdinal(a.RemoteId, b.RemoteId));

        var collections = new List<Collection>();
        for (var project = 0; project < graph.ProjectIds.Count; project++)
        {
            if (graph.ProjectCollections[project] is { } collection)
            {
                collections.Add(collection);
            }
        }

        for (var section = 0; section < graph.SectionIds.Count; section++)
        {
            if (graph.SectionCollections[section] is { } collection)
            {
                collections.Add(collection);
            }
        }

        collections.Sort((a, b) => string.CompareOrdinal(a.RemoteId, b.RemoteId));

        var ordered = _ordering.ExistingInOrder();
        var tickets = new Ticket[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            tickets[i] = graph.Tickets[ordered[i]]!;
        }

        var tags = new Dictionary<string, Tag>(StringComparer.Ordinal);
        foreach (var index in ordered)
        {
            if (graph.TaskRecords[index]?.Details is { } details)
            {
                foreach (var tag in details.Tags)
                {
                    tags.TryAdd(tag.Gid, new Tag(tag.Gid, tag.Name));
                }
            }
        }

        return new MergeModel(graph.Workspace, AllRoles, users, teams, collections, tickets)
        {
            Comments = [.. _content.AllComments(TaskExists).Select(TicketContent.ToComment).OrderBy(c => c.RemoteId, StringComparer.Ordinal)],
            Attachments = [.. _content.AllAttachments(TaskExists).Select(TicketContent.ToAttachment).OrderBy(a => a.RemoteId, StringComparer.Ordinal)],
            Tags = [.. tags.Values.OrderBy(t => t.RemoteId, StringComparer.Ordinal)],
        };
    }

    /// <summary>The current inputs, so a store can persist them and rebuild an identical model.</summary>
    /// <returns>The workspace's records as they stand after every update.</returns>
    public WorkspaceData ToWorkspaceData() => _graph.ToWorkspaceData() with
    {
        Comments = [.. _content.AllComments(TaskExists).OrderBy(c => c.Gid, StringComparer.Ordinal)],
        Attachments = [.. _content.AllAttachments(TaskExists).OrderBy(a => a.Gid, StringComparer.Ordinal)],
    };

    /// <summary>The Merge comments of a task or subtask, in ordinal order of remote id.</summary>
    /// <param name="ticketGid">A task gid.</param>
    /// <returns>Its comments; empty for an unknown task or one whose comments were not read.</returns>
    public IReadOnlyList<Comment> GetComments(string ticketGid)
    {
        ArgumentNullException.ThrowIfNull(ticketGid);
        return TaskExists(ticketGid) ? [.. _content.CommentsOf(ticketGid).Select(TicketContent.ToComment)] : [];
    }

    /// <summary>The Merge attachments of a task or subtask, in ordinal order of remote id.</summary>
    /// <param name="ticketGid">A task gid.</param>
    /// <returns>Its attachments; empty for an unknown task or one whose attachments were not read.</returns>
    public IReadOnlyList<Attachment> GetAttachments(string ticketGid)
    {
        ArgumentNullException.ThrowIfNull(ticketGid);
        return TaskExists(ticketGid) ? [.. _content.AttachmentsOf(ticketGid).Select(TicketContent.ToAttachment)] : [];
    }

    /// <summary>Whether the user may see the comment: exactly when they may see its ticket.</summary>
    /// <param name="user">A user gid or email address.</param>
    /// <param name="commentGid">A comment (story) gid.</param>
    /// <returns>True when the user may see the comment's ticket; false for an unknown user or comment.</returns>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    public bool CanViewComment(string user, string commentGid)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(commentGid);
        return _content.TaskOfComment(commentGid) is { } task && CanView(user, task);
    }

    /// <summary>Replaces every comment of a task (comments naming another task are ignored).</summary>
    /// <param name="taskGid">The task gid.</param>
    /// <param name="comments">Its complete comment list, as read.</param>
    public void ReplaceComments(string taskGid, IReadOnlyList<CommentRecord> comments)
    {
        ArgumentNullException.ThrowIfNull(taskGid);
        ArgumentNullException.ThrowIfNull(comments);
        _content.ReplaceComments(taskGid, comments);
    }

    /// <summary>Replaces every attachment of a task (attachments naming another task are ignored).</summary>
    /// <param name="taskGid">The task gid.</param>
    /// <param name="attachments">Its complete attachment list, as read.</param>
    public void ReplaceAttachments(string taskGid, IReadOnlyList<AttachmentRecord> attachments)
    {
        ArgumentNullException.ThrowIfNull(taskGid);
        ArgumentNullException.ThrowIfNull(attachments);
        _content.ReplaceAttachments(taskGid, attachments);
    }

    /// <summary>Adds or replaces a task or subtask.</summary>
    /// <param name="task">The task as read.</param>
    public void UpsertTask(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var interned = _graph.TaskIds.Count;
        _graph.UpsertTask(task);
        if (_graph.TaskIds.Count != interned)
        {
            _ordering.OnTaskInterned();
        }

        _evaluator.SyncCapacity();
    }

    /// <summary>Removes a deleted task; its subtasks, at any depth, go with it.</summary>
    /// <param name="taskGid">The task gid; unknown gids are ignored.</param>
    public void RemoveTask(string taskGid)
    {
        ArgumentNullException.ThrowIfNull(taskGid);
        var task = _graph.TaskIds.Find(taskGid);
        if (task >= 0)
        {
            _graph.RemoveTaskTree(task);
        }
    }

    /// <summary>Adds or replaces a project together with all of its memberships.</summary>
    /// <param name="project">The project as read.</param>
    /// <param name="memberships">Its complete membership list (entries naming another project are ignored).</param>
    public void UpsertProject(ProjectRecord project, IReadOnlyList<ProjectMembershipRecord> memberships)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(memberships);
        var index = _graph.InternProject(project.Gid);
        _graph.ReplaceProject(index, project, memberships);
        _evaluator.SyncCapacity();
        _evaluator.OnProjectChanged(index);
    }

    /// <summary>Removes a project with its memberships and sections; its tasks lose the grant it gave.</summary>
    /// <param name="projectGid">The project gid; unknown gids are ignored.</param>
    public void RemoveProject(string projectGid)
    {
        ArgumentNullException.ThrowIfNull(projectGid);
        var project = _graph.ProjectIds.Find(projectGid);
        if (project < 0)
        {
            return;
        }

        foreach (var section in _graph.ProjectSections[project].Items.ToArray())
        {
            _graph.RemoveSectionAt(section);
        }

        _graph.ReplaceProject(project, null, []);
        _evaluator.OnProjectChanged(project);
    }

    /// <summary>Adds or replaces a section.</summary>
    /// <param name="section">The section as read.</param>
    public void UpsertSection(SectionRecord section)
    {
        ArgumentNullException.ThrowIfNull(section);
        _graph.SetSection(section);
    }

    /// <summary>Removes a section; tasks keep the placement they were read with.</summary>
    /// <param name="sectionGid">The section gid; unknown gids are ignored.</param>
    public void RemoveSection(string sectionGid)
    {
        ArgumentNullException.ThrowIfNull(sectionGid);
        var section = _graph.SectionIds.Find(sectionGid);
        if (section >= 0)
        {
            _graph.RemoveSectionAt(section);
        }
    }

    /// <summary>Adds or replaces a user and their workspace membership (deactivation: <c>IsActive = false</c>).</summary>
    /// <param name="user">The user as read.</param>
    /// <param name="membership">The user's workspace membership; must name the same user.</param>
    public void UpsertUser(UserRecord user, WorkspaceMembershipRecord membership)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(membership);
        if (!string.Equals(user.Gid, membership.UserGid, StringComparison.Ordinal))
        {
            throw new ArgumentException("The membership must belong to the user being upserted.", nameof(membership));
        }

        var index = _graph.SetUserRecord(user);
        _graph.SetWorkspaceMembership(membership);
        _evaluator.SyncCapacity();
        _evaluator.ForgetUser(index);
    }

    /// <summary>Adds or replaces a team together with all of its memberships.</summary>
    /// <param name="team">The team as read.</param>
    /// <param name="memberships">Its complete membership list (entries naming another team are ignored).</param>
    public void UpsertTeam(TeamRecord team, IReadOnlyList<TeamMembershipRecord> memberships)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(memberships);
        var index = _graph.InternTeam(team.Gid);
        var affected = _graph.ReplaceTeam(index, team, memberships);
        _evaluator.SyncCapacity();
        foreach (var user in affected)
        {
            _evaluator.ForgetUser(user);
        }
    }

    /// <summary>Removes a team and its memberships; projects shared with it no longer open through it.</summary>
    /// <param name="teamGid">The team gid; unknown gids are ignored.</param>
    public void RemoveTeam(string teamGid)
    {
        ArgumentNullException.ThrowIfNull(teamGid);
        var team = _graph.TeamIds.Find(teamGid);
        if (team < 0)
        {
            return;
        }

        foreach (var user in _graph.ReplaceTeam(team, null, []))
        {
            _evaluator.ForgetUser(user);
        }
    }

    /// <summary>Adds or replaces a portfolio together with all of its memberships and project settings.</summary>
    /// <param name="portfolio">The portfolio as read.</param>
    /// <param name="memberships">Its complete membership list (entries naming another portfolio are ignored).</param>
    /// <param name="settings">Its complete list of project settings (entries naming another portfolio are ignored).</param>
    public void UpsertPortfolio(PortfolioRecord portfolio, IReadOnlyList<PortfolioMembershipRecord> memberships, IReadOnlyList<ProjectPortfolioSettingRecord> settings)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(memberships);
        ArgumentNullException.ThrowIfNull(settings);
        var index = _graph.InternPortfolio(portfolio.Gid);
        var affected = _graph.ReplacePortfolio(index, portfolio, memberships, settings);
        _evaluator.SyncCapacity();
        foreach (var project in affected)
        {
            _evaluator.OnProjectChanged(project);
        }
    }

    /// <summary>Removes a portfolio; the projects it shared no longer open to its members through it.</summary>
    /// <param name="portfolioGid">The portfolio gid; unknown gids are ignored.</param>
    public void RemovePortfolio(string portfolioGid)
    {
        ArgumentNullException.ThrowIfNull(portfolioGid);
        var portfolio = _graph.PortfolioIds.Find(portfolioGid);
        if (portfolio < 0)
        {
            return;
        }

        foreach (var project in _graph.ReplacePortfolio(portfolio, null, [], []))
        {
            _evaluator.OnProjectChanged(project);
        }
    }

    private bool TaskExists(string taskGid)
    {
        var task = _graph.TaskIds.Find(taskGid);
        return task >= 0 && _graph.Tickets[task] is not null;
    }

    private static string[] OrderedGids(List<int> indices, Indexing.GidIndex ids)
    {
        var gids = new string[indices.Count];
        for (var i = 0; i < gids.Length; i++)
        {
            gids[i] = ids.GidAt(indices[i]);
        }

        Array.Sort(gids, StringComparer.Ordinal);
        return gids;
    }
}
