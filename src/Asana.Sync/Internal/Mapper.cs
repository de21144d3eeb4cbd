using Asana.Client.Models;
using Asana.Permissions.Sources;

namespace Asana.Sync.Internal;

/// <summary>
/// Asana client models → the engine's source records. Anything missing maps to the answer that grants least; gids are
/// present, which <see cref="GidCheck"/> made sure of after every read.
/// </summary>
internal static class Mapper
{
    public static TaskRecord ToRecord(AsanaTask task, string? parentFallback = null)
    {
        var followers = task.Followers is null
            ? []
            : task.Followers.Select(f => f.Gid).Distinct(StringComparer.Ordinal).ToList();
        var placements = new List<TaskPlacement>();
        if (task.Memberships is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var membership in task.Memberships)
            {
                if (membership.Project?.Gid is { } project && seen.Add(project))
                {
                    placements.Add(new TaskPlacement(project, membership.Section?.Gid));
                }
            }
        }

        return new TaskRecord(
            task.Gid,
            task.Name ?? string.Empty,
            task.Assignee?.Gid,
            followers,
            placements,
            task.Parent?.Gid ?? parentFallback,
            task.ModifiedAt,
            task.Notes,
            task.Completed,
            Details(task));
    }

    /// <summary>The task's content; a due date that does not parse is dropped (it grants nothing either way).</summary>
    private static TaskDetails Details(AsanaTask task)
    {
        var dueOn = DateOnly.TryParseExact(task.DueOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _) ? task.DueOn : null;
        var tags = task.Tags is null
            ? []
            : task.Tags.DistinctBy(t => t.Gid, StringComparer.Ordinal).Select(t => new TagRecord(t.Gid, t.Name ?? string.Empty)).ToList();
        return new TaskDetails(task.CreatedAt, task.CompletedAt, dueOn, task.DueAt, task.CreatedBy?.Gid, task.PermalinkUrl, tags);
    }

    public static ProjectRecord ToRecord(AsanaProject project) =>
        new(project.Gid, project.Name ?? string.Empty, project.PrivacySetting ?? PrivacySettings.Private, project.Team?.Gid, project.Archived, project.Notes);

    public static ProjectMembershipRecord? ToRecord(string projectGid, AsanaMembership membership) =>
        ToMember(membership) is { } member ? new ProjectMembershipRecord(projectGid, member.Gid, member.Kind) : null;

    /// <summary>
    /// The member of a project or portfolio membership: a team only when Asana says so; anything else is read as a user
    /// gid, which a team's gid never matches, so a mislabelled team grants nobody.
    /// </summary>
    public static (string Gid, MemberKind Kind)? ToMember(AsanaMembership membership)
    {
        if (string.IsNullOrEmpty(membership.Member?.Gid))
        {
            return null;
        }

        var kind = string.Equals(membership.Member.ResourceType, "team", StringComparison.Ordinal) ? MemberKind.Team : MemberKind.User;
        return (membership.Member.Gid, kind);
    }
}
