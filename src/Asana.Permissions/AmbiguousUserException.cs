namespace Asana.Permissions;

/// <summary>
/// An email address that several users share names none of them: the engine (and the store) refuse to pick one, since
/// picking could answer for the wrong person. Asana keeps emails unique, so this means the records disagree (a reused
/// address, a stale record); name the user by gid instead. A gid always wins over an email, so it is never ambiguous.
/// </summary>
public sealed class AmbiguousUserException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="email">The email address as it was given.</param>
    /// <param name="candidateGids">The gids of every user with that address (case-insensitive), in ordinal order.</param>
    public AmbiguousUserException(string email, IReadOnlyList<string> candidateGids)
        : base($"The email address {email} belongs to {candidateGids?.Count} users ({string.Join(", ", candidateGids ?? [])}): name the user by gid.")
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(candidateGids);
        Email = email;
        CandidateGids = candidateGids;
    }

    /// <summary>The email address as it was given.</summary>
    public string Email { get; }

    /// <summary>The gids of every user with that address, in ordinal order.</summary>
    public IReadOnlyList<string> CandidateGids { get; }
}
