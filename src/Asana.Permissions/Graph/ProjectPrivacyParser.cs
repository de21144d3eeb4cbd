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
}
