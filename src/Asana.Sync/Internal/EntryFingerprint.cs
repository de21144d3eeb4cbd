using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Sync.Storage;

namespace Asana.Sync.Internal;

/// <summary>
/// The fingerprint of each kind of store entry: every field the entry holds (its <c>Fingerprint</c> aside), so two
/// entries have the same fingerprint only when a store would hold the same row for both. A field added to an entry or to
/// a record it holds must be added here, and <see cref="FingerprintBuilder.Version"/> bumped. <c>known</c> is the
/// row's stored fingerprint, returned itself when unchanged (see <see cref="FingerprintBuilder.Finish"/>).
/// </summary>
internal static class EntryFingerprint
{
    public static string Of(UserEntry entry, FingerprintBuilder builder, string? known = null)
    {
        var (source, membership, model) = (entry.Source, entry.Membership, entry.Model);
        builder.Add(source.Gid).Add(source.Name).Add(source.Email);
        builder.Add(membership.UserGid).Add(membership.IsActive).Add(membership.IsAdmin).Add(membership.IsGuest);
        builder.Add(model.RemoteId).Add(model.Name).Add(model.EmailAddress).Add(model.IsActive).Add(model.Roles).Add(model.Teams);
        return builder.Add(entry.PrincipalTokens).Finish(known);
    }

    public static string Of(TeamEntry entry, FingerprintBuilder builder, string? known = null)
    {
        builder.Add(entry.Source.Gid).Add(entry.Source.Name);
        builder.AddCount(entry.Memberships.Count);
        foreach (var member in entry.Memberships)
        {
            builder.Add(member.TeamGid).Add(member.UserGid).Add(member.IsGuest).Add(member.IsLimitedAccess);
        }

        return builder.Add(entry.Source.Description).Add(entry.Model.RemoteId).Add(entry.Model.Name).Add(entry.Model.Description).Finish(known);
    }

    public static string Of(PortfolioEntry entry, FingerprintBuilder builder, string? known = null)
    {
        builder.Add(entry.Source.Gid).Add(entry.Source.Name);
        builder.AddCount(entry.Memberships.Count);
        foreach (var member in entry.Memberships)
        {
            builder.Add(member.PortfolioGid).Add(member.MemberGid).Add((int)member.MemberKind);
        }

        builder.AddCount(entry.ProjectSettings.Count);
        foreach (var setting in entry.ProjectSettings)
        {
            builder.Add(setting.PortfolioGid).Add(setting.ProjectGid).Add(setting.IsAccessControlInherited);
        }

        return builder.Finish(known);
    }

    public static string Of(CollectionEntry entry, FingerprintBuilder builder, string? known = null)
    {
        var model = entry.Model;
        builder.Add(model.RemoteId).Add(model.Name).Add((int)model.CollectionType).Add(model.ParentCollection);
        AddPermissions(builder, model.Permissions);
        builder.Add(model.Description).Add((int)model.AccessLevel);
        if (entry.Project is { } project)
        {
            builder.Add(true).Add(project.Gid).Add(project.Name).Add(project.PrivacySetting).Add(project.TeamGid).Add(project.Archived).Add(project.Notes);
        }
        else
        {
            builder.Add(false);
        }

        builder.AddCount(entry.ProjectMemberships.Count);
        foreach (var member in entry.ProjectMemberships)
        {
            builder.Add(member.ProjectGid).Add(member.MemberGid).Add((int)member.MemberKind);
        }

        if (entry.Section is { } section)
        {
            builder.Add(true).Add(section.Gid).Add(section.Name).Add(section.ProjectGid);
        }
        else
        {
            builder.Add(false);
        }

        return builder.Finish(known);
    }

    public static string Of(TicketEntry entry, FingerprintBuilder builder, string? known = null)
    {
        AddTask(builder, entry.Source);
        var model = entry.Model;
        builder.Add(model.RemoteId).Add(model.Name).Add(model.TicketType).Add(model.ParentTicket).Add(model.Collections).Add(model.Assignees);
        AddPermissions(builder, model.Permissions);
        builder.Add(model.RemoteUpdatedAt).Add(model.Description).Add((int)model.Status).Add(model.CompletedAt).Add(model.DueDate)
            .Add(model.Creator).Add(model.TicketUrl).Add(model.Tags).Add(model.RemoteCreatedAt);
        return builder.Add(entry.PrincipalTokens).Add(entry.NumSubtasks).Finish(known);
    }

    private static void AddTask(FingerprintBuilder builder, TaskRecord task)
    {
        builder.Add(task.Gid).Add(task.Name).Add(task.AssigneeGid).Add(task.FollowerGids);
        var placements = task.Memberships;
        builder.AddCount(placements.Count);
        for (var i = 0; i < placements.Count; i++)
        {
            builder.Add(placements[i].ProjectGid).Add(placements[i].SectionGid);
        }

        builder.Add(task.ParentGid).Add(task.ModifiedAt).Add(task.Notes).Add(task.Completed);
        if (task.Details is { } details)
        {
            builder.Add(true).Add(details.CreatedAt).Add(details.CompletedAt).Add(details.DueOn).Add(details.DueAt)
                .Add(details.CreatorGid).Add(details.PermalinkUrl).AddCount(details.Tags.Count);
            foreach (var tag in details.Tags)
            {
                builder.Add(tag.Gid).Add(tag.Name);
            }
        }
        else
        {
            builder.Add(false);
        }
    }

    private static void AddPermissions(FingerprintBuilder builder, IReadOnlyList<Permission> permissions)
    {
        builder.AddCount(permissions.Count);
        for (var i = 0; i < permissions.Count; i++)
        {
            var permission = permissions[i];
            builder.Add((int)permission.Effect)
                .Add(permission.Actions)
                .Add(permission.AppliedToUsers)
                .Add(permission.AppliedToRoles)
                .Add(permission.AppliedToTeams)
                .Add(permission.AppliedToCollections)
                .Add(permission.AppliedToTickets);
        }
    }
}
