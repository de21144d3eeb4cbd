namespace Asana.Simulator.Model;

/// <summary>A user and their workspace membership.</summary>
internal sealed class SimUser
{
    public required string Gid { get; init; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public required string MembershipGid { get; init; }
    public required string UserTaskListGid { get; init; }
    public bool IsActive { get; set; } = true;
    public bool IsAdmin { get; set; }
    public bool IsGuest { get; set; }

    /// <summary>Invited but not yet joined: Asana reports <c>is_active: true</c> for them too, and nothing tells them apart.</summary>
    public bool IsPendingInvitation { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
