using Asana.Client.Models;

namespace Asana.Client.Serialization;

/// <summary>
/// Maps wire DTOs to the public models. Every record and every nested reference must carry a <c>gid</c> (blank is
/// missing): one without fails with a line naming the endpoint it came from (each method's <c>source</c>), never with a
/// half-built model; so do a null entry in a list of them and an event without its resource. A missing
/// permission-bearing flag reads as the answer that grants least (fail closed); other missing booleans read as false,
/// missing lists stay null. Fields the request already implies (the parent a membership was listed by, the team a team
/// membership was listed for) are not required in the response.
/// </summary>
internal static class WireMapper
{
    public static AsanaPage<TModel> ToPage<TDto, TModel>(ListEnvelope<TDto>? envelope, string source, string kind, Func<TDto, TModel> map)
        where TDto : class
    {
        var offset = envelope?.NextPage?.Offset;
        return new AsanaPage<TModel>(Items(envelope?.Data, source, kind, map), string.IsNullOrEmpty(offset) ? null : offset);
    }

    public static IReadOnlyList<TModel> Items<TDto, TModel>(IReadOnlyList<TDto?>? data, string source, string kind, Func<TDto, TModel> map)
        where TDto : class
    {
        if (data is null || data.Count == 0)
        {
            return [];
        }

        var items = new TModel[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            items[i] = data[i] is { } item
                ? map(item)
                : throw new InvalidResponseShapeException($"Asana returned a null entry in place of {WithArticle(kind)} from {source}");
        }

        return items;
    }

    public static AsanaWorkspace Workspace(WorkspaceDto dto, string source) =>
        new(Gid(dto.Gid, "workspace", source), dto.Name, dto.IsOrganization ?? false, dto.EmailDomains);

    public static AsanaUser User(UserDto dto, string source) => new(Gid(dto.Gid, "user", source), dto.Name, dto.Email);

    /// <summary>Without <c>is_active</c> a member reads as inactive, without <c>is_guest</c> as a guest: never as a full member.</summary>
    public static AsanaWorkspaceMembership WorkspaceMembership(WorkspaceMembershipDto dto, string source)
    {
        var gid = Gid(dto.Gid, "workspace membership", source);
        return new(
            gid,
            Required(dto.User, "workspace membership", gid, "user", source),
            IsActive: dto.IsActive ?? false,
            IsAdmin: dto.IsAdmin ?? false,
            IsGuest: dto.IsGuest ?? true);
    }

    public static AsanaTeam Team(TeamDto dto, string source) => new(Gid(dto.Gid, "team", source), dto.Name, dto.Visibility);

    /// <summary>
    /// Without <c>is_limited_access</c> a member reads as limited-access, without <c>is_guest</c> as a guest. Without
    /// <c>team</c>, the team the listing was for.
    /// </summary>
    public static AsanaTeamMembership TeamMembership(TeamMembershipDto dto, string teamGid, string source)
    {
        var gid = Gid(dto.Gid, "team membership", source);
        return new(
            gid,
            Required(dto.User, "team membership", gid, "user", source),
            Reference(dto.Team, "team membership", "team", source) ?? new AsanaReference(teamGid, "team"),
            IsGuest: dto.IsGuest ?? true,
            IsAdmin: dto.IsAdmin ?? false,
            IsLimitedAccess: dto.IsLimitedAccess ?? true);
    }

    public static AsanaProject Project(ProjectDto dto, string source) =>
        new(Gid(dto.Gid, "project", source), dto.Name, dto.PrivacySetting, Reference(dto.Team, "project", "team", source), dto.Archived ?? false, dto.ModifiedAt);

    /// <summary>Without <c>parent</c>, the parent the listing named (its resource type is then unknown).</summary>
    public static AsanaMembership Membership(MembershipDto dto, string parentGid, string source)
    {
        var gid = Gid(dto.Gid, "membership", source);
        return new(
            gid,
            Reference(dto.Parent, "membership", "parent", source) ?? new AsanaReference(parentGid),
            Required(dto.Member, "membership", gid, "member", source),
            dto.AccessLevel);
    }

    public static AsanaPortfolio Portfolio(PortfolioDto dto, string source) => new(Gid(dto.Gid, "portfolio", source), dto.Name);

    /// <summary>Without <c>portfolio</c>, the portfolio the listing was for; without <c>is_access_control_inherited</c>, false (grants nothing).</summary>
    public static AsanaProjectPortfolioSetting ProjectPortfolioSetting(ProjectPortfolioSettingDto dto, string portfolioGid, string source)
    {
        var gid = Gid(dto.Gid, "project portfolio setting", source);
        return new(
            gid,
            Required(dto.Project, "project portfolio setting", gid, "project", source),
            Reference(dto.Portfolio, "project portfolio setting", "portfolio", source) ?? new AsanaReference(portfolioGid, "portfolio"),
            dto.IsAccessControlInherited ?? false);
    }

    public static AsanaSection Section(SectionDto dto, string source) =>
        new(Gid(dto.Gid, "section", source), dto.Name, Reference(dto.Project, "section", "project", source));

    public static AsanaTask Task(TaskDto dto, string source) =>
        new(
            Gid(dto.Gid, "task", source),
            dto.Name,
            dto.Notes,
            Reference(dto.Assignee, "task", "assignee", source),
            References(dto.Followers, "task", "followers", source),
            TaskMemberships(dto.Memberships, source),
            Reference(dto.Parent, "task", "parent", source),
            dto.NumSubtasks,
            dto.ModifiedAt,
            dto.Completed ?? false,
            dto.ResourceSubtype,
            dto.CreatedAt);

    /// <summary>An event names the object it is about; one without it could hide a removal, so it fails like a missing gid.</summary>
    public static AsanaEvent Event(EventDto dto, string source) =>
        new(
            Reference(dto.Resource, "event", "resource", source)
                ?? throw new InvalidResponseShapeException($"Asana returned an event without 'resource' from {source}"),
            dto.Action,
            Reference(dto.Parent, "event", "parent", source),
            Reference(dto.User, "event", "user", source),
            dto.CreatedAt,
            dto.Change is null ? null : new AsanaEventChange(dto.Change.Field, dto.Change.Action));

    public static IReadOnlyList<AsanaError> Errors(IReadOnlyList<ErrorDto?>? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return [];
        }

        var result = new List<AsanaError>(errors.Count);
        foreach (var error in errors)
        {
            if (error is not null)
            {
                result.Add(new AsanaError(error.Message ?? "(no message)", error.Help, error.Phrase));
            }
        }

        return result;
    }

    private static List<AsanaReference>? References(IReadOnlyList<ReferenceDto?>? dtos, string owner, string field, string source)
    {
        if (dtos is null)
        {
            return null;
        }

        var result = new List<AsanaReference>(dtos.Count);
        foreach (var dto in dtos)
        {
            result.Add(Reference(dto, owner, field, source) ?? throw NullEntry(owner, field, source));
        }

        return result;
    }

    private static List<AsanaTaskMembership>? TaskMemberships(IReadOnlyList<TaskMembershipDto?>? dtos, string source)
    {
        if (dtos is null)
        {
            return null;
        }

        var result = new List<AsanaTaskMembership>(dtos.Count);
        foreach (var dto in dtos)
        {
            // An entry without a project is kept (Asana may add other kinds of membership); a null one is malformed.
            var membership = dto ?? throw NullEntry("task", "memberships", source);
            result.Add(new AsanaTaskMembership(
                Reference(membership.Project, "task membership", "project", source),
                Reference(membership.Section, "task membership", "section", source)));
        }

        return result;
    }

    // Blank counts as missing: a gid of spaces would fail later, far from the response, as a bad argument.
    private static string Gid(string? gid, string kind, string source) =>
        string.IsNullOrWhiteSpace(gid) ? throw MissingGid(kind, source) : gid;

    private static InvalidResponseShapeException MissingGid(string kind, string source) =>
        new($"Asana returned {WithArticle(kind)} without a 'gid' from {source}");

    private static InvalidResponseShapeException NullEntry(string owner, string field, string source) =>
        new($"Asana returned a null entry in place of {WithArticle(owner)}'s '{field}' from {source}");

    /// <summary>A nested reference: absent is fine (null), present without a gid is not.</summary>
    private static AsanaReference? Reference(ReferenceDto? dto, string owner, string field, string source)
    {
        if (dto is null)
        {
            return null;
        }

        // Checked here rather than through Gid: the "owner's 'field'" text is built only when it fails, not for every
        // assignee, parent, follower and membership read.
        return string.IsNullOrWhiteSpace(dto.Gid)
            ? throw MissingGid($"{owner}'s '{field}'", source)
            : new AsanaReference(dto.Gid, dto.ResourceType, dto.Name);
    }

    // The public models declare these non-null: a record without them is unusable for a permission sync, so say
    // which record and which field instead of handing out a half-built model.
    private static AsanaReference Required(ReferenceDto? dto, string owner, string gid, string field, string source) =>
        Reference(dto, owner, field, source)
        ?? throw new InvalidResponseShapeException($"Asana returned {WithArticle(owner)} ({gid}) without '{field}' from {source}");

    // Our kinds start with a consonant or with "e" (event); "u" (user) takes "a".
    private static string WithArticle(string kind) => ("aeio".Contains(kind[0], StringComparison.Ordinal) ? "an " : "a ") + kind;
}
