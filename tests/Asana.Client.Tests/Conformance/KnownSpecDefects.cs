namespace Asana.Client.Tests.Conformance;

/// <summary>
/// The one allow-list: places where Asana's OpenAPI description is wrong and the client is right. Each entry names the
/// operation, the finding it excuses (the <see cref="SpecViolation.Key"/>) and why. Drift of the client is fixed in the
/// client, never listed here. An entry that excuses nothing fails the conformance test, so the list cannot go stale.
/// </summary>
internal static class KnownSpecDefects
{
    public static readonly IReadOnlyList<KnownSpecDefect> All =
    [
        new(
            "searchTasksForWorkspace",
            "query:limit",
            "The operation's own description says search page sizes 'are limited to a maximum of 100 items, and can be " +
            "specified by the `limit` query parameter', but its parameter list omits limit. The client sends it so a " +
            "search page holds up to 100 tasks, which its created_at paging relies on."),
    ];
}
