namespace Asana.Benchmarks.Scale;

/// <summary>What the query probes draw from at random: active users, ticket gids, words from task names.</summary>
/// <param name="ActiveUsers">Gids of active users.</param>
/// <param name="Tickets">Gids of every synced ticket.</param>
/// <param name="Words">Distinct words (letters only, 4 or more) from a sample of task names.</param>
internal sealed record ProbeInputs(IReadOnlyList<string> ActiveUsers, IReadOnlyList<string> Tickets, IReadOnlyList<string> Words)
{
    public static IReadOnlyList<string> WordsOf(IEnumerable<string> names) =>
        names.SelectMany(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(w => w.Length >= 4 && w.All(char.IsAsciiLetter))
            .Select(w => w.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
