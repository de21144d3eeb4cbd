using Asana.Simulator.Model;

namespace Asana.Simulator.Webhooks;

/// <summary>One webhook's state, guarded by the organization's lock.</summary>
internal sealed class SimWebhook
{
    public required string Gid { get; init; }
    public required SimRef Resource { get; init; }
    public required Uri Target { get; init; }
    public required string Secret { get; init; }
    public required IReadOnlyList<SimWebhookFilter> Filters { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>How many events of the resource's stream were already looked at (streams only grow).</summary>
    public int StreamPosition { get; set; }

    /// <summary>Events waiting to be delivered, in delivery order.</summary>
    public List<SimEvent> Pending { get; } = [];

    public DateTimeOffset LastAttemptAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? FirstFailureAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastFailureAt { get; set; }
    public string? LastFailureContent { get; set; }

    /// <summary>Whether an event passes the filters: any one of them, or any event when there are none.</summary>
    public bool Passes(SimEvent e) => Filters.Count == 0 || Filters.Any(f => f.Matches(e));
}
