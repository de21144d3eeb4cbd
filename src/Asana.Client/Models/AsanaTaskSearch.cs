namespace Asana.Client.Models;

/// <summary>Filters for the workspace task search. Search has no offset paging: narrow by creation time instead.</summary>
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
