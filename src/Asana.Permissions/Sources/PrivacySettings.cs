namespace Asana.Permissions.Sources;

/// <summary>
/// The values Asana documents for <c>project.privacy_setting</c>. Asana owns this set, so it is kept open:
/// any other value is treated as <see cref="Private"/> (never over-grant).
/// </summary>
public static class PrivacySettings
{
    /// <summary>Shared with the whole organization or workspace.</summary>
    public const string PublicToWorkspace = "public_to_workspace";

    /// <summary>Shared with the project's team (deprecated by Asana, still returned).</summary>
    public const string PrivateToTeam = "private_to_team";

    /// <summary>Private to the project's members.</summary>
    public const string Private = "private";
}
