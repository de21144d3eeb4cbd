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
/// <param name="ResourceSubtype">
/// Only tasks of this <c>resource_subtype</c>, sent as <c>resource_subtype</c> when set. Asana's OpenAPI description
/// declares the values <c>default_task</c>, <c>milestone</c>, <c>approval</c> and <c>custom</c>, and declares
/// <c>milestone</c> as the default when the parameter is left out. So a search without it may return milestones only:
/// a caller that wants every task must search once per subtype.
/// </param>
public sealed record AsanaTaskSearch(
    string? Text = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? ModifiedAfter = null,
    bool? IsSubtask = null,
    int Limit = 100,
    string? ResourceSubtype = null);
