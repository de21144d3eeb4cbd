namespace Asana.Simulator.Model;

/// <summary>A compact reference captured at event time: <c>{gid, resource_type, name}</c>.</summary>
internal sealed record SimRef(string Gid, string ResourceType, string? Name, string? ResourceSubtype = null);
