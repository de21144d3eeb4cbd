using Asana.Permissions.Indexing;
using Asana.Permissions.Mapping;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Graph;

/// <summary>Users: records, workspace memberships (activity and role), team lists, email lookup.</summary>
internal sealed partial class WorkspaceGraph
{
    private readonly EmailIndex _userByEmail;

    public GidIndex UserIds { get; }

    public UserRecord?[] UserRecords = [];

    public WorkspaceMembershipRecord?[] UserMemberships = [];

    /// <summary>Teams whose membership confers team access on the user (guests included, limited access not), distinct.</summary>
    public IntBag[] UserTeams = [];

    /// <summary>Existing projects that list the user as a member.</summary>
    public IntBag[] UserDirectProjects = [];

    /// <summary>Tasks the user is assignee or follower of.</summary>
    public readonly SlicePool UserCollaborations = new();

    // One shared "[user]" list per user: assignee lists and single-collaborator grants reuse it, and tickets with
    // one collaborator share one ALLOWED object per user.
    private string[]?[] _userOnlyLists = [];
    private Permission?[] _allowUserOnly = [];

    // "user:<gid>" per user, made on first use by any reader: the string depends on the gid alone, so a race
    // between readers only makes an equal string twice.
    private string?[] _userTokens = [];

    public string[] UserOnlyList(int user) => _userOnlyLists[user] ??= [UserIds.GidAt(user)];

    public Permission AllowUserOnly(int user) => _allowUserOnly[user] ??= MergeShapes.AllowUsers(UserOnlyList(user));

    public string UserToken(int user)
    {
        var tokens = _userTokens;
        if (Volatile.Read(ref tokens[user]) is not { } token)
        {
            token = PrincipalTokens.ForUser(UserIds.GidAt(user));
            Volatile.Write(ref tokens[user], token);
        }

        return token;
    }

    /// <summary>A user is known when either a user record or a workspace membership names them.</summary>
    public bool IsKnownUser(int user) => UserRecords[user] is not null || UserMemberships[user] is not null;

    public bool IsActiveUser(int user) => UserMemberships[user]?.IsActive == true;

    /// <summary>
    /// Plain workspaces should have no guests, but a flag Asana does send is honoured everywhere: ignoring it could
    /// only ever widen access.
    /// </summary>
    public bool IsGuest(int user) => UserMemberships[user]?.IsGuest == true;

    /// <summary>Guest wins over admin when both flags are set: the narrower reading never over-grants.</summary>
    public bool IsAdmin(int user) => !IsGuest(user) && UserMemberships[user]?.IsAdmin == true;

    /// <summary>
    /// The user index for a gid or an email address, or -1 when nobody known answers to it. A gid wins over an email;
    /// an email several users share is refused rather than read as one of them.
    /// </summary>
    /// <exception cref="AmbiguousUserException">The email address belongs to several users.</exception>
    public int FindUser(string gidOrEmail)
    {
        var index = UserIds.Find(gidOrEmail);
        if (index >= 0 && IsKnownUser(index))
        {
            return index;
        }

        if (!gidOrEmail.Contains('@', StringComparison.Ordinal))
        {
            return -1;
        }

        var byEmail = _userByEmail.Find(gidOrEmail, out var shared);
        if (shared is not null)
        {
            var gids = shared.Select(UserIds.GidAt).ToArray();
            Array.Sort(gids, StringComparer.Ordinal);
            throw new AmbiguousUserException(gidOrEmail, gids);
        }

        return byEmail;
    }

    public int InternUser(string gid)
    {
        var index = UserIds.Intern(gid);
        if (index >= UserRecords.Length)
        {
            GrowUsers();
        }

        return index;
    }

    public int SetUserRecord(UserRecord record)
    {
        var index = InternUser(record.Gid);
        if (UserRecords[index]?.Email is { Length: > 0 } oldEmail)
        {
            _userByEmail.Remove(oldEmail, index);
        }

        UserRecords[index] = record;
        if (!string.IsNullOrEmpty(record.Email))
        {
            _userByEmail.Add(record.Email, index);
        }

        return index;
    }

    public int SetWorkspaceMembership(WorkspaceMembershipRecord membership)
    {
        var index = InternUser(membership.UserGid);
        UserMemberships[index] = membership;
        return index;
    }

    private void GrowUsers()
    {
        var capacity = UserIds.Capacity;
        Grow(ref UserRecords, capacity);
        Grow(ref UserMemberships, capacity);
        Grow(ref UserTeams, capacity);
        Grow(ref UserDirectProjects, capacity);
        Grow(ref UserDirectPortfolios, capacity);
        UserCollaborations.GrowKeys(capacity);
        Grow(ref _userOnlyLists, capacity);
        Grow(ref _allowUserOnly, capacity);
        Grow(ref _userTokens, capacity);
    }
}
