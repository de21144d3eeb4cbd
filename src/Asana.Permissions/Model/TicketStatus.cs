namespace Asana.Permissions.Model;

/// <summary>Merge's ticket status, from Asana's <c>completed</c>. Exported upper-case: <c>OPEN</c>, <c>CLOSED</c>.</summary>
public enum TicketStatus
{
    /// <summary>Not completed.</summary>
    Open,

    /// <summary>Completed.</summary>
    Closed,
}
