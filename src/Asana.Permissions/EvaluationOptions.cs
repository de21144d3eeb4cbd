namespace Asana.Permissions;

/// <summary>Choices the rules leave to the host.</summary>
/// <param name="ProjectlessTasksVisibleToMembers">
/// Treat project-less tasks (no project, no parent) as visible to every active non-guest member. Asana's API does not
/// expose their privacy, so the default (false) shows them to their collaborators only.
/// </param>
public sealed record EvaluationOptions(bool ProjectlessTasksVisibleToMembers = false)
{
    /// <summary>Fail-closed defaults.</summary>
    public static EvaluationOptions Default { get; } = new();
}
