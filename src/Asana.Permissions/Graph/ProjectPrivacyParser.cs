using Asana.Permissions.Sources;

namespace Asana.Permissions.Graph;

internal static class ProjectPrivacyParser
{
    public static ProjectPrivacy Parse(string? privacySetting) => privacySetting switch
    {
        PrivacySettings.PublicToWorkspace => ProjectPrivacy.Public,
        PrivacySettings.PrivateToTeam => ProjectPrivacy.Team,
        _ => ProjectPrivacy.Private,
    };

    /// <summary>
    /// Merge's access level of a project: COMPANY only for <c>public_to_workspace</c> (every non-guest member);
    /// everything else, unknown values included, is PRIVATE (members only). Never PUBLIC: Asana has no public projects.
    /// </summary>
    public static Model.CollectionAccessLevel AccessLevel(string? privacySetting) =>
        Parse(privacySetting) == ProjectPrivacy.Public ? Model.CollectionAccessLevel.Company : Model.CollectionAccessLevel.Private;
}
