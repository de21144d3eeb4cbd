using System.Text;
using Asana.Shared;

namespace Asana.Client.Models;

/// <summary>One page of a list endpoint.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="NextOffset">The offset of the next page, or null on the last page. Offsets expire after some minutes.</param>
public sealed record AsanaPage<T>(IReadOnlyList<T> Items, string? NextOffset)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Items = ").AppendList(Items)
            .Append(", NextOffset = ").Append(NextOffset);
        return true;
    }
}
