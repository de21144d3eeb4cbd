namespace Asana.Simulator.Model;

/// <summary>One Asana-style event, stored once and referenced from every stream it was delivered to.</summary>
internal sealed class SimEvent
{
    public required long Sequence { get; init; }
    public required SimRef Resource { get; init; }
    public required string Action { get; init; }
    public SimRef? Parent { get; init; }
    public SimRef? User { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public SimChange? Change { get; init; }
}
