namespace Asana.Client.Serialization;

/// <summary>Asana's list envelope: <c>{"data": [...], "next_page": {...}|null}</c>.</summary>
internal sealed record ListEnvelope<T>(IReadOnlyList<T>? Data, NextPageDto? NextPage = null);
