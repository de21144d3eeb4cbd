namespace Asana.Client.Serialization;

/// <summary>Asana's single-object envelope: <c>{"data": {...}}</c>.</summary>
internal sealed record DataEnvelope<T>(T? Data);
