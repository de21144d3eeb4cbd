namespace Asana.Benchmarks.Scale;

/// <summary>
/// The read queries the scale benchmark times on one store, as delegates: bound to <c>IPermissionReader</c> and
/// <c>IPermissionChangeFeed</c> (<see cref="ReaderProbe"/>). A null delegate is reported as "not bound".
/// </summary>
/// <param name="Binding">What the delegates call, for the report (e.g. "SqlitePermissionStore.CheckAsync").</param>
/// <param name="CheckAsync">(user gid, ticket gid) → may the user see it.</param>
/// <param name="VisibleAsync">user gid → how many tickets the user may see (the list is read in full).</param>
/// <param name="SearchAsync">(user gid, text) → permission-trimmed hits (at most 20).</param>
/// <param name="FeedPageAsync">(cursor or null for the start, limit) → tickets in the page and the next cursor (null at the end).</param>
internal sealed record StoreProbe(
    string Binding,
    Func<string, string, CancellationToken, Task<bool>>? CheckAsync,
    Func<string, CancellationToken, Task<int>>? VisibleAsync,
    Func<string, string, CancellationToken, Task<int>>? SearchAsync,
    Func<string?, int, CancellationToken, Task<(int Tickets, string? Next)>>? FeedPageAsync);
