namespace Asana.Client.Models;

/// <summary>One event from <c>GET /events</c>.</summary>
/// <param name="Resource">
/// The object the event is about (may differ from the subscribed resource: events bubble up). <see cref="AsanaClient"/>
/// never returns an event without it: such an answer fails like a record without a gid.
/// </param>
/// <param name="Action"><c>changed</c>, <c>added</c>, <c>removed</c>, <c>deleted</c>, <c>undeleted</c>, or newer.</param>
/// <param name="Parent">For added/removed, the object the resource was added to or removed from.</param>
/// <param name="User">Who caused it; null for system events.</param>
/// <param name="CreatedAt">When it happened.</param>
/// <param name="Change">The change, for <c>changed</c> events.</param>
public sealed record AsanaEvent(
    AsanaReference? Resource,
    string? Action,
    AsanaReference? Parent,
    AsanaReference? User,
    DateTimeOffset? CreatedAt,
    AsanaEventChange? Change);
