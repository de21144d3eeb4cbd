namespace Asana.Client.Serialization;

/// <summary>The body of a task search: <c>{"data": [...]}</c>. Search has no <c>next_page</c>.</summary>
internal sealed record SearchEnvelope(IReadOnlyList<TaskDto?>? Data);
