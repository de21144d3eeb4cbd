using System.Text;
using Asana.Shared;

namespace Asana.Sync.AspNetCore;

/// <summary>What <see cref="AsanaWebhookRegistrar.EnsureAsync"/> did.</summary>
/// <param name="Kept">Webhooks that were already right.</param>
/// <param name="Created">Webhooks created (missing, deleted by Asana, or not verifiable any more).</param>
/// <param name="Deleted">Webhooks of ours deleted (their project is gone, a duplicate, or no secret to verify them with).</param>
/// <param name="Failures">What could not be done, one line each (no secrets); the next sync tries again.</param>
public sealed record WebhookReconciliation(int Kept, int Created, int Deleted, IReadOnlyList<string> Failures)
{
    /// <summary>Whether every webhook wanted now exists.</summary>
    public bool Succeeded => Failures.Count == 0;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Kept = ").Append(Kept)
            .Append(", Created = ").Append(Created)
            .Append(", Deleted = ").Append(Deleted)
            .Append(", Failures = ").AppendList(Failures);
        return true;
    }
}
