namespace Asana.Client.Models;

/// <summary>What changed, for an event whose action is <c>changed</c>.</summary>
/// <param name="Field">The changed field, e.g. <c>assignee</c> or <c>followers</c>.</param>
/// <param name="Action"><c>changed</c>, <c>added</c> or <c>removed</c>.</param>
public sealed record AsanaEventChange(string? Field, string? Action);
