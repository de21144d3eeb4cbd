using System.Text;
using Asana.Shared;

namespace Asana.Permissions.Sources;

/// <summary>
/// The content of a task beyond what decides who may see it: what a host indexes and cites. None of it grants access.
/// </summary>
/// <param name="CreatedAt">Asana's <c>created_at</c>.</param>
/// <param name="CompletedAt">Asana's <c>completed_at</c>, when completed.</param>
/// <param name="DueOn">Asana's <c>due_on</c> (a date, <c>yyyy-MM-dd</c>), when the task has a due date without a time.</param>
/// <param name="DueAt">Asana's <c>due_at</c> (a moment), when the task has a due time.</param>
/// <param name="CreatorGid">Asana's <c>created_by</c>, when known.</param>
/// <param name="PermalinkUrl">Asana's <c>permalink_url</c>: the link a host cites.</param>
/// <param name="Tags">The task's tags.</param>
public sealed record TaskDetails(
    DateTimeOffset? CreatedAt,
    DateTimeOffset? CompletedAt,
    string? DueOn,
    DateTimeOffset? DueAt,
    string? CreatorGid,
    string? PermalinkUrl,
    IReadOnlyList<TagRecord> Tags)
{
    /// <summary>No content read.</summary>
    public static TaskDetails None { get; } = new(null, null, null, null, null, null, []);

    /// <summary>Value equality that compares the tags element by element.</summary>
    /// <param name="other">The other details.</param>
    /// <returns>True when every field and every tag is equal.</returns>
    public bool Equals(TaskDetails? other) =>
        other is not null
        && CreatedAt == other.CreatedAt
        && CompletedAt == other.CompletedAt
        && string.Equals(DueOn, other.DueOn, StringComparison.Ordinal)
        && DueAt == other.DueAt
        && string.Equals(CreatorGid, other.CreatorGid, StringComparison.Ordinal)
        && string.Equals(PermalinkUrl, other.PermalinkUrl, StringComparison.Ordinal)
        && Tags.SequenceEqual(other.Tags);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CreatedAt, CompletedAt, DueOn, DueAt, CreatorGid, PermalinkUrl, Tags.Count);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("CreatedAt = ").Append(CreatedAt)
            .Append(", CompletedAt = ").Append(CompletedAt)
            .Append(", DueOn = ").Append(DueOn)
            .Append(", DueAt = ").Append(DueAt)
            .Append(", CreatorGid = ").Append(CreatorGid)
            .Append(", PermalinkUrl = ").Append(PermalinkUrl)
            .Append(", Tags = ").AppendList(Tags);
        return true;
    }
}
