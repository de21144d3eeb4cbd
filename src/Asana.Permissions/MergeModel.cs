using System.Text;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Shared;

namespace Asana.Permissions;

/// <summary>The whole Merge-shaped model of one workspace, every list in ordinal order of remote id.</summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="Roles">The roles ADMIN, GUEST, MEMBER.</param>
/// <param name="Users">Every known user.</param>
/// <param name="Teams">Every team.</param>
/// <param name="Collections">Every project and section.</param>
/// <param name="Tickets">Every task and subtask.</param>
public sealed record MergeModel(
    WorkspaceRecord Workspace,
    IReadOnlyList<Role> Roles,
    IReadOnlyList<User> Users,
    IReadOnlyList<Team> Teams,
    IReadOnlyList<Collection> Collections,
    IReadOnlyList<Ticket> Tickets)
{
    /// <summary>The comments of the tickets, when read (opt-in), in ordinal order of remote id.</summary>
    public IReadOnlyList<Comment> Comments { get; init; } = [];

    /// <summary>The attachments of the tickets, when read (opt-in), in ordinal order of remote id.</summary>
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    /// <summary>Every tag some ticket carries, in ordinal order of remote id.</summary>
    public IReadOnlyList<Tag> Tags { get; init; } = [];

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Workspace = ").Append(Workspace)
            .Append(", Roles = ").AppendList(Roles)
            .Append(", Users = ").AppendList(Users)
            .Append(", Teams = ").AppendList(Teams)
            .Append(", Collections = ").AppendList(Collections)
            .Append(", Tickets = ").AppendList(Tickets)
            .Append(", Comments = ").AppendList(Comments)
            .Append(", Attachments = ").AppendList(Attachments)
            .Append(", Tags = ").AppendList(Tags);
        return true;
    }
}
