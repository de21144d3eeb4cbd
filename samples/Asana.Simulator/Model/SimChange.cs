namespace Asana.Simulator.Model;

/// <summary>The <c>change</c> of a <c>changed</c> event.</summary>
/// <param name="Field">The changed field.</param>
/// <param name="Action"><c>changed</c>, <c>added</c> or <c>removed</c>.</param>
/// <param name="NewValue">For <c>changed</c>: the new value (a reference, a string, or null).</param>
/// <param name="AddedValue">For <c>added</c>.</param>
/// <param name="RemovedValue">For <c>removed</c>.</param>
internal sealed record SimChange(string Field, string Action, object? NewValue = null, SimRef? AddedValue = null, SimRef? RemovedValue = null);
