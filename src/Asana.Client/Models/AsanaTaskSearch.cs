namespace Asana.Client.Models;

/// <summary>
/// Filters for the workspace task search. Search has no offset paging: results come sorted by <c>created_at</c>
/// ascending, so the next page is the same search with <see cref="CreatedAfter"/> set to the last
/// <see cref="AsanaTask.CreatedAt"/> seen (tasks sharing that instant may straddle pages: de-duplicate by gid).
/// </summary>
/// <param name="Text">Full-text filter.</param>
/// <param name="CreatedAfter">Only tasks created after this instant (<c>created_at.after</c>).</param>
/// <param name="ModifiedAfter">Only tasks modified after this instant (<c>modified_at.after</c>).</param>
/// <param name="IsSubtask">Filter to (or away from) subtasks.</param>
/// <param name="Limit">Page size, 1 to 100.</param>
public sealed record AsanaTaskSearch(
    string? Text = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? ModifiedAfter = null,
    bool? IsSubtask = null,
    int Limit = 100);
