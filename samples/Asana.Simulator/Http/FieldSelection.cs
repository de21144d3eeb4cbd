namespace Asana.Simulator.Http;

/// <summary>
/// The parsed <c>opt_fields</c>: a tree of dotted paths (<c>memberships.project.name</c>), with Asana's
/// <c>this.</c> prefix and <c>(a|b)</c> group operator expanded. A node with no children was requested as a leaf.
/// </summary>
internal sealed class FieldSelection
{
    private readonly Dictionary<string, FieldSelection> _children = new(StringComparer.Ordinal);

    /// <summary>True when this node has no sub-fields (the field itself was requested).</summary>
    public bool IsLeaf => _children.Count == 0;

    /// <summary>Parses <c>opt_fields</c>; null when absent or empty (compact representation).</summary>
    public static FieldSelection? Parse(string? optFields)
    {
        if (string.IsNullOrWhiteSpace(optFields))
        {
            return null;
        }

        var root = new FieldSelection();
        foreach (var raw in SplitTopLevel(optFields))
        {
            foreach (var path in Expand(raw.Trim()))
            {
                var p = path.StartsWith("this.", StringComparison.Ordinal) ? path[5..] : path;
                if (p.Length == 0)
                {
                    continue;
                }

                var node = root;
                foreach (var part in p.Split('.', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!node._children.TryGetValue(part, out var child))
                    {
                        child = new FieldSelection();
                        node._children.Add(part, child);
                    }

                    node = child;
                }
            }
        }

        return root;
    }

    /// <summary>Whether <paramref name="field"/> was requested (as a leaf or with sub-fields).</summary>
    public bool Has(string field) => _children.ContainsKey(field);

    /// <summary>The sub-selection of a requested field, or null if it was not requested.</summary>
    public FieldSelection? Child(string field) => _children.GetValueOrDefault(field);

    private static IEnumerable<string> SplitTopLevel(string value)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return value[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return value[start..];
    }

    /// <summary>Expands the first <c>(a|b)</c> group, recursively: <c>this.(followers|assignee).email</c>.</summary>
    private static IEnumerable<string> Expand(string path)
    {
        var open = path.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            yield return path;
            yield break;
        }

        var depth = 0;
        var close = -1;
        for (var i = open; i < path.Length; i++)
        {
            if (path[i] == '(')
            {
                depth++;
            }
            else if (path[i] == ')' && --depth == 0)
            {
                close = i;
                break;
            }
        }

        if (close < 0)
        {
            yield return path;
            yield break;
        }

        var prefix = path[..open];
        var suffix = path[(close + 1)..];
        foreach (var alternative in path[(open + 1)..close].Split('|'))
        {
            foreach (var expanded in Expand(prefix + alternative + suffix))
            {
                yield return expanded;
            }
        }
    }
}
