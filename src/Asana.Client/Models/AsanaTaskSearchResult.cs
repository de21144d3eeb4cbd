using System.Text;
using Asana.Shared;

namespace Asana.Client.Models;

/// <summary>
/// The answer of a workspace task search. Search is a premium feature: when Asana answers 402 Payment Required the
/// result is <see cref="NotAvailable"/>, a normal answer rather than an error.
/// </summary>
/// <param name="IsAvailable">False when search is not available to this token (Asana answered 402).</param>
/// <param name="Tasks">The tasks found, sorted by <c>created_at</c> ascending; empty when not available.</param>
public sealed record AsanaTaskSearchResult(bool IsAvailable, IReadOnlyList<AsanaTask> Tasks)
{
    /// <summary>Search is not available to this token (Asana answered 402 Payment Required).</summary>
    public static AsanaTaskSearchResult NotAvailable { get; } = new(false, []);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("IsAvailable = ").Append(IsAvailable)
            .Append(", Tasks = ").AppendList(Tasks);
        return true;
    }
}
