using Asana.Sync.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Asana.Sync;

/// <summary>
/// Turns a stream of refresh scopes (typically from webhook deliveries) into few targeted refreshes: scopes queued for a
/// workspace merge while it waits (<see cref="RefreshQueueOptions.Debounce"/>) or while its previous refresh runs, and
/// each workspace runs one refresh at a time through <see cref="AsanaSyncEngine.RefreshAsync"/>. A refresh that fails
/// (Asana unavailable, a sync holding the workspace) keeps its scope and is tried again with backoff, so a revocation
/// heard once is never dropped; the periodic sync stays the backstop for what was never heard.
/// </summary>
public sealed class RefreshQueue : IAsyncDisposable
{
    private readonly AsanaSyncEngine _engine;
    private readonly RefreshQueueOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = Completed();
    private int _running;
    private long _committed;
    private bool _disposed;

    /// <summary>Creates the queue.</summary>
    /// <param name="engine">The engine that runs the refreshes.</param>
    /// <param name="options">Timing (defaults: <see cref="RefreshQueueOptions"/>).</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">Clock for the debounce and the backoff.</param>
    public RefreshQueue(AsanaSyncEngine engine, RefreshQueueOptions? options = null, ILogger<RefreshQueue>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _options = options ?? new RefreshQueueOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Debounce, TimeSpan.Zero, "options.Debounce");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.RetryDelay, TimeSpan.Zero, "options.RetryDelay");
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxRetryDelay, _options.RetryDelay, "options.MaxRetryDelay");
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Refreshes committed since the queue was created.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    /// <summary>Queues a scope for a workspace; it joins whatever is already waiting there. An empty scope is ignored.</summary>
    /// <param name="workspaceGid">The workspace.</param>
    /// <param name="scope">What to read again.</param>
    /// <exception cref="ObjectDisposedException">The queue was disposed.</exception>
    public void Enqueue(string workspaceGid, RefreshScope scope)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceGid);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_workspaces.TryGetValue(workspaceGid, out var workspace))
            {
                workspace = _workspaces[workspaceGid] = new Workspace();
            }

            workspace.Pending = workspace.Pending?.Union(scope) ?? scope;
            if (!workspace.Running)
            {
                workspace.Running = true;
                if (_running++ == 0)
                {
                    _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                _ = Task.Run(() => RunAsync(workspaceGid, workspace));
            }
        }
    }

    /// <summary>Completes when nothing is queued or running (every queued scope committed).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        Task idle;
        lock (_gate)
        {
            idle = _idle.Task;
        }

        return idle.WaitAsync(cancellationToken);
    }

    /// <summary>Stops: queued scopes are dropped (the next sync covers them), a running refresh is cancelled and commits nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        Task idle;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            idle = _idle.Task;
        }

        await _stopping.CancelAsync();
        await idle.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(string workspaceGid, Workspace workspace)
    {
        var token = _stopping.Token;
        var failures = 0;
        try
        {
            await Task.Delay(_options.Debounce, _timeProvider, token);
            while (true)
            {
                RefreshScope scope;
                lock (_gate)
                {
                    if (workspace.Pending is null)
                    {
                        workspace.Running = false;
                        return;
                    }

                    scope = workspace.Pending;
                    workspace.Pending = null;
                }

                try
                {
                    await _engine.RefreshAsync(workspaceGid, scope, token);
                    Interlocked.Increment(ref _committed);
                    failures = 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // Keep what was heard: it joins whatever arrived meanwhile and is tried again.
                    lock (_gate)
                    {
                        workspace.Pending = workspace.Pending is null ? scope : scope.Union(workspace.Pending);
                    }

                    var delay = Backoff(failures++);
                    Log.RefreshRetry(_logger, ex, workspaceGid, failures, (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, _timeProvider, token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            lock (_gate)
            {
                workspace.Running = false;
            }
        }
        finally
        {
            lock (_gate)
            {
                if (--_running == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var delay = _options.RetryDelay * Math.Pow(2, Math.Min(failures, 16));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private sealed class Workspace
    {
        public RefreshScope? Pending { get; set; }

        public bool Running { get; set; }
    }
}
