using System.Text;

namespace Asana.Shared;

/// <summary>
/// Writes collections into a record's <c>ToString()</c> (its <c>PrintMembers</c>): the items, not the collection's
/// type name. Long collections show their first <see cref="MaxItems"/> items and how many more there are. Compiled into
/// each library (linked source), so it is internal to each.
/// </summary>
internal static class RecordText
{
    /// <summary>How many items of one collection are written at most.</summary>
    public const int MaxItems = 20;

    /// <summary>Appends <c>[a, b, c]</c> (nothing for null, as records print a null member).</summary>
    public static StringBuilder AppendList<T>(this StringBuilder builder, IEnumerable<T>? items)
    {
        if (items is null)
        {
            return builder;
        }

        builder.Append('[');
        var count = 0;
        foreach (var item in items)
        {
            if (count < MaxItems)
            {
                builder.Append(count == 0 ? string.Empty : ", ").Append(item);
            }

            count++;
        }

        if (count > MaxItems)
        {
            builder.Append(", … ").Append(count - MaxItems).Append(" more");
        }

        return builder.Append(']');
    }

    /// <summary>Appends <c>{ key = value, … }</c> (<c>{ }</c> when empty, nothing for null).</summary>
    public static StringBuilder AppendMap<TKey, TValue>(this StringBuilder builder, IEnumerable<KeyValuePair<TKey, TValue>>? items)
    {
        if (items is null)
        {
            return builder;
        }

        builder.Append('{');
        var count = 0;
        foreach (var (key, value) in items)
        {
            if (count < MaxItems)
            {
                builder.Append(count == 0 ? " " : ", ").Append(key).Append(" = ").Append(value);
            }

            count++;
        }

        if (count > MaxItems)
        {
            builder.Append(", … ").Append(count - MaxItems).Append(" more");
        }

        return builder.Append(" }");
    }
}
