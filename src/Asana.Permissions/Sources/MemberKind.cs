namespace Asana.Permissions.Sources;

/// <summary>What kind of principal a project membership names.</summary>
public enum MemberKind
{
    /// <summary>A user (<c>member.resource_type</c> = <c>user</c>).</summary>
    User,

    /// <summary>A team (<c>member.resource_type</c> = <c>team</c>).</summary>
    Team,
}
