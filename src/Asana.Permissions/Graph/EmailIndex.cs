namespace Asana.Permissions.Graph;

/// <summary>
/// Users by email address, case-insensitive. Asana keeps addresses unique but the records given to us may not, so an
/// address can have several owners; it then resolves to none of them. Most addresses have one owner, kept without a
/// list; only shared ones get one.
/// </summary>
internal sealed class EmailIndex
{
    private readonly Dictionary<string, int> _owner;
    private readonly Dictionary<string, List<int>> _shared = new(StringComparer.OrdinalIgnoreCase);

    public EmailIndex(int capacity) => _owner = new Dictionary<string, int>(capacity, StringComparer.OrdinalIgnoreCase);

    public void Add(string email, int user)
    {
        if (_shared.TryGetValue(email, out var owners))
        {
            if (!owners.Contains(user))
            {
                owners.Add(user);
            }
        }
        else if (!_owner.TryGetValue(email, out var owner))
        {
            _owner[email] = user;
        }
        else if (owner != user)
        {
            _owner.Remove(email);
            _shared[email] = [owner, user];
        }
    }

    public void Remove(string email, int user)
    {
        if (_owner.TryGetValue(email, out var owner))
        {
            if (owner == user)
            {
                _owner.Remove(email);
            }
        }
        else if (_shared.TryGetValue(email, out var owners) && owners.Remove(user) && owners.Count == 1)
        {
            _shared.Remove(email);
            _owner[email] = owners[0];
        }
    }

    /// <summary>The only user with the address, or -1; when several share it, -1 and <paramref name="shared"/> lists them.</summary>
    public int Find(string email, out IReadOnlyList<int>? shared)
    {
        if (_shared.TryGetValue(email, out var owners))
        {
            shared = owners;
            return -1;
        }

        shared = null;
        return _owner.TryGetValue(email, out var owner) ? owner : -1;
    }
}
