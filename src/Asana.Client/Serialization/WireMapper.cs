using Asana.Client.Models;

namespace Asana.Client.Serialization;

/// <summary>
/// Maps wire DTOs to the public models. Every record and every nested reference must carry a <c>gid</c> (blank is
/// missing): one without fails with an <see cref="InvalidResponseShapeException"/> saying what is missing, never with a
/// half-built model; so do a null entry in a list of them and an event without its resource. The messages leave out the
/// endpoint: the facade, which knows the request, appends it. A missing permission-bearing flag reads as the answer that
/// grants least (fail closed); other missing booleans read as false, missing lists stay null. Fields the request already
/// implies (the parent a membership was listed by, the team a team membership was listed for) are not required in the
/// response.
/// </summary>
internal static class WireMapper
{
    public static AsanaPage<TModel> ToPage<TDto, TModel>(ListEnvelope<TDto>? envelope, string kind, Func<TDto, TModel> map)
        where TDto : class
    {
        var offset = envelope?.NextPage?.Offset;
        return new AsanaPage<TModel>(Items(envelope?.Data, kind, map), string.IsNullOrEmpty(offset) ? null : offset);
    }

    public static IReadOnlyList<TModel> Items<TDto, TModel>(IReadOnlyList<TDto?>? data, string kind, Func<TDto, TModel> map)
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
                : throw new InvalidResponseShapeException($"Asana returned a null entry in place of {WithArticle(kind)}");
        }

        return items;
    }

    public static AsanaWorkspace Workspace(WorkspaceDto dto) =>
        new(Gid(dto.Gid, "workspace"), dto.Name, dto.IsOrganization ?? false, dto.EmailDomains);

    public static AsanaUser User(UserDto dto) => new(Gid(dto.Gid, "user"), dto.Name, dto.Email);

    /// <summary>Without <c>is_active</c> a member reads as inactive, without <c>is_guest</c> as a guest: never as a full member.</summary>
    public static AsanaWorkspaceMembership WorkspaceMembership(WorkspaceMembershipDto dto)
    {
        var gid = Gid(dto.Gid, "workspace membership");
        return new(
            gid,
            Required(dto.User, "workspace membership", gid, "user"),
            IsActive: dto.IsActive ?? false,
            IsAdmin: dto.IsAdmin ?? false,
            IsGuest: dto.IsGuest ?? true);
    }

    public static AsanaTeam Team(TeamDto dto) => new(Gid(dto.Gid, "team"), dto.Name, dto.Visibility, dto.Description);

    /// <summary>
    /// Without <c>is_limited_access</c> a member reads as limited-access, without <c>is_guest</c> as a guest. Without
    /// <c>team</c>, the team the listing was for.
    /// </summary>
    public static AsanaTeamMembership TeamMembership(TeamMembershipDto dto, string teamGid)
    {
        var gid = Gid(dto.Gid, "team membership");
        return new(
            gid,
            Required(dto.User, "team membership", gid, "user"),
            Reference(dto.Team, "team membership", "team") ?? new AsanaReference(teamGid, "team"),
            IsGuest: dto.IsGuest ?? true,
            IsAdmin: dto.IsAdmin ?? false,
            IsLimitedAccess: dto.IsLimitedAccess ?? true);
    }

    public static AsanaProject Project(ProjectDto dto) =>
        new(Gid(dto.Gid, "project"), dto.Name, dto.PrivacySetting, Reference(dto.Team, "project", "team"), dto.Archived ?? false, dto.ModifiedAt, dto.Notes);

    /// <summary>Without <c>parent</c>, the parent the listing named (its resource type is then unknown).</summary>
    public static AsanaMembership Membership(MembershipDto dto, string parentGid)
    {
        var gid = Gid(dto.Gid, "membership");
        return new(
            gid,
            Reference(dto.Parent, "membership", "parent") ?? new AsanaReference(parentGid),
            Required(dto.Member, "membership", gid, "member"),
            dto.AccessLevel);
    }

    public static AsanaPortfolio Portfolio(PortfolioDto dto) => new(Gid(dto.Gid, "portfolio"), dto.Name);

    /// <summary>Without <c>portfolio</c>, the portfolio the listing was for; without <c>is_access_control_inherited</c>, false (grants nothing).</summary>
    public static AsanaProjectPortfolioSetting ProjectPortfolioSetting(ProjectPortfolioSettingDto dto, string portfolioGid)
    {
        var gid = Gid(dto.Gid, "project portfolio setting");
        return new(
            gid,
            Required(dto.Project, "project portfolio setting", gid, "project"),
            Reference(dto.Portfolio, "project portfolio setting", "portfolio") ?? new AsanaReference(portfolioGid, "portfolio"),
            dto.IsAccessControlInherited ?? false);
    }

    public static AsanaSection Section(SectionDto dto) =>
        new(Gid(dto.Gid, "section"), dto.Name, Reference(dto.Project, "section", "project"));

    public static AsanaTask Task(TaskDto dto) =>
        new(
            Gid(dto.Gid, "task"),
            dto.Name,
            dto.Notes,
            Reference(dto.Assignee, "task", "assignee"),
            References(dto.Followers, "task", "followers"),
            TaskMemberships(dto.Memberships),
            Reference(dto.Parent, "task", "parent"),
            dto.NumSubtasks,
            dto.ModifiedAt,
            dto.Completed ?? false,
            dto.ResourceSubtype,
            dto.CreatedAt,
            dto.CompletedAt,
            dto.DueOn,
            dto.DueAt,
            dto.CreatedBy is null ? null : Reference(new ReferenceDto(dto.CreatedBy.Gid, dto.CreatedBy.ResourceType), "task", "created_by"),
            dto.PermalinkUrl,
            References(dto.Tags, "task", "tags"));

    /// <summary>An event names the object it is about; one without it could hide a removal, so it fails like a missing gid.</summary>
    public static AsanaEvent Event(EventDto dto) =>
        new(
            Reference(dto.Resource, "event", "resource")
                ?? throw new InvalidResponseShapeException("Asana returned an event without 'resource'"),
            dto.Action,
            Reference(dto.Parent, "event", "parent"),
            Reference(dto.User, "event", "user"),
            dto.CreatedAt,
            dto.Change is null ? null : new AsanaEventChange(dto.Change.Field, dto.Change.Action));

    /// <summary>A webhook names what it watches: one without its resource cannot be reconciled, so it fails like a missing gid.</summary>
    public static AsanaWebhook Webhook(WebhookDto dto)
    {
        var gid = Gid(dto.Gid, "webhook");
        List<AsanaWebhookFilter>? filters = null;
        if (dto.Filters is { } wire)
        {
            filters = new List<AsanaWebhookFilter>(wire.Count);
            foreach (var filter in wire)
            {
                var entry = filter ?? throw NullEntry("webhook", "filters");
                filters.Add(new AsanaWebhookFilter(entry.ResourceType ?? string.Empty, entry.Action, entry.ResourceSubtype, entry.Fields));
            }
        }

        return new AsanaWebhook(
            gid,
            Required(dto.Resource, "webhook", gid, "resource"),
            dto.Target,
            dto.Active ?? false,
            filters,
            dto.CreatedAt,
            dto.LastSuccessAt,
            dto.LastFailureAt);
    }

    public static WebhookFilterDto WebhookFilter(AsanaWebhookFilter filter) =>
        new(filter.ResourceType, filter.ResourceSubtype, filter.Action, filter.Fields);

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

    private static List<AsanaReference>? References(IReadOnlyList<ReferenceDto?>? dtos, string owner, string field)
    {
        if (dtos is null)
        {
            return null;
        }

        var result = new List<AsanaReference>(dtos.Count);
        foreach (var dto in dtos)
        {
            result.Add(Reference(dto, owner, field) ?? throw NullEntry(owner, field));
        }

        return result;
    }

    private static List<AsanaTaskMembership>? TaskMemberships(IReadOnlyList<TaskMembershipDto?>? dtos)
    {
        if (dtos is null)
        {
            return null;
        }

        var result = new List<AsanaTaskMembership>(dtos.Count);
        foreach (var dto in dtos)
        {
            // An entry without a project is kept (Asana may add other kinds of membership); a null one is malformed.
            var membership = dto ?? throw NullEntry("task", "memberships");
            result.Add(new AsanaTaskMembership(
                Reference(membership.Project, "task membership", "project"),
                Reference(membership.Section, "task membership", "section")));
        }

        return result;
    }

    // Blank counts as missing: a gid of spaces would fail later, far from the response, as a bad argument.
    private static string Gid(string? gid, string kind) =>
        string.IsNullOrWhiteSpace(gid) ? throw MissingGid(kind) : gid;

    private static InvalidResponseShapeException MissingGid(string kind) =>
        new($"Asana returned {WithArticle(kind)} without a 'gid'");

    private static InvalidResponseShapeException NullEntry(string owner, string field) =>
        new($"Asana returned a null entry in place of {WithArticle(owner)}'s '{field}'");

    /// <summary>A nested reference: absent is fine (null), present without a gid is not.</summary>
    private static AsanaReference? Reference(ReferenceDto? dto, string owner, string field)
    {
        if (dto is null)
        {
            return null;
        }

        // Checked here rather than through Gid: the "owner's 'field'" text is built only when it fails, not for every
        // assignee, parent, follower and membership read.
        return string.IsNullOrWhiteSpace(dto.Gid)
            ? throw MissingGid($"{owner}'s '{field}'")
            : new AsanaReference(dto.Gid, dto.ResourceType, dto.Name);
    }

    // The public models declare these non-null: a record without them is unusable for a permission sync, so say
    // which record and which field instead of handing out a half-built model.
    private static AsanaReference Required(ReferenceDto? dto, string owner, string gid, string field) =>
        Reference(dto, owner, field)
        ?? throw new InvalidResponseShapeException($"Asana returned {WithArticle(owner)} ({gid}) without '{field}'");

    // Our kinds start with a consonant or with "e" (event); "u" (user) takes "a".
    private static string WithArticle(string kind) => ("aeio".Contains(kind[0], StringComparison.Ordinal) ? "an " : "a ") + kind;
}
