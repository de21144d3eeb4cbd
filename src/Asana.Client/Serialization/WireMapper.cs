using Asana.Client.Models;

namespace Asana.Client.Serialization;

/// <summary>Maps wire DTOs to the public models. Missing booleans read as false, missing lists stay null.</summary>
internal static class WireMapper
{
    public static AsanaPage<TModel> ToPage<TDto, TModel>(ListEnvelope<TDto>? envelope, Func<TDto, TModel> map)
    {
        var data = envelope?.Data;
        var items = data is null || data.Count == 0 ? [] : new TModel[data.Count];
        var count = 0;
        if (data is not null)
        {
            for (var i = 0; i < data.Count; i++)
            {
                // Asana never sends null entries; skip them rather than fail a whole page if a proxy ever does.
                if (data[i] is { } item)
                {
                    items[count++] = map(item);
                }
            }
        }

        if (count != items.Length)
        {
            Array.Resize(ref items, count);
        }

        var offset = envelope?.NextPage?.Offset;
        return new AsanaPage<TModel>(items, string.IsNullOrEmpty(offset) ? null : offset);
    }

    public static AsanaReference? Reference(ReferenceDto? dto) =>
        dto is null ? null : new AsanaReference(dto.Gid, dto.ResourceType, dto.Name);

    public static AsanaWorkspace Workspace(WorkspaceDto dto) =>
        new(dto.Gid, dto.Name, dto.IsOrganization ?? false, dto.EmailDomains);

    public static AsanaUser User(UserDto dto) => new(dto.Gid, dto.Name, dto.Email);

    public static AsanaWorkspaceMembership WorkspaceMembership(WorkspaceMembershipDto dto) =>
        new(dto.Gid, Required(dto.User, dto.Gid, "user"), dto.IsActive ?? false, dto.IsAdmin ?? false, dto.IsGuest ?? false);

    public static AsanaTeam Team(TeamDto dto) => new(dto.Gid, dto.Name, dto.Visibility);

    public static AsanaTeamMembership TeamMembership(TeamMembershipDto dto) =>
        new(
            dto.Gid,
            Required(dto.User, dto.Gid, "user"),
            Required(dto.Team, dto.Gid, "team"),
            dto.IsGuest ?? false,
            dto.IsAdmin ?? false,
            dto.IsLimitedAccess ?? false);

    public static AsanaProject Project(ProjectDto dto) =>
        new(dto.Gid, dto.Name, dto.PrivacySetting, Reference(dto.Team), dto.Archived ?? false, dto.ModifiedAt);

    public static AsanaMembership Membership(MembershipDto dto) =>
        new(dto.Gid, Required(dto.Parent, dto.Gid, "parent"), Required(dto.Member, dto.Gid, "member"), dto.AccessLevel);

    public static AsanaSection Section(SectionDto dto) => new(dto.Gid, dto.Name, Reference(dto.Project));

    public static AsanaTask Task(TaskDto dto) =>
        new(
            dto.Gid,
            dto.Name,
            dto.Notes,
            Reference(dto.Assignee),
            References(dto.Followers),
            TaskMemberships(dto.Memberships),
            Reference(dto.Parent),
            dto.NumSubtasks,
            dto.ModifiedAt,
            dto.Completed ?? false,
            dto.ResourceSubtype,
            dto.CreatedAt);

    public static AsanaEvent Event(EventDto dto) =>
        new(
            Reference(dto.Resource),
            dto.Action,
            Reference(dto.Parent),
            Reference(dto.User),
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

    private static List<AsanaReference>? References(IReadOnlyList<ReferenceDto?>? dtos)
    {
        if (dtos is null)
        {
            return null;
        }

        var result = new List<AsanaReference>(dtos.Count);
        foreach (var dto in dtos)
        {
            if (dto is not null)
            {
                result.Add(new AsanaReference(dto.Gid, dto.ResourceType, dto.Name));
            }
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
            if (dto is not null)
            {
                result.Add(new AsanaTaskMembership(Reference(dto.Project), Reference(dto.Section)));
            }
        }

        return result;
    }

    // The public models declare these non-null: a record without them is unusable for a permission sync, so say
    // which record and which field instead of handing out a half-built model.
    private static AsanaReference Required(ReferenceDto? dto, string gid, string field) =>
        Reference(dto) ?? throw new InvalidResponseShapeException($"Asana record {gid} has no '{field}'; it is required (is '{field}' in opt_fields?).");
}
