using System.Threading.Channels;

namespace Asana.Sync.Internal;

/// <summary>
/// Bounded-parallel work where a work item may enqueue more (e.g. subtasks found while reading tasks). The first
/// failure cancels the rest and is rethrown.
/// </summary>
internal sealed class WorkQueue
{
    private readonly Channel<Func<CancellationToken, Task>> _channel = Channel.CreateUnbounded<Func<CancellationToken, Task>>();
    private int _pending;

    public void Enqueue(Func<CancellationToken, Task> work)
    {
        Interlocked.Increment(ref _pending);
        if (!_channel.Writer.TryWrite(work))
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    public async Task RunAsync(int parallelism, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _pending) == 0)
        {
            return;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? failure = null;
        var workers = new Task[Math.Max(1, parallelism)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(
                async () =>
                {
                    try
                    {
                        await foreach (var work in _channel.Reader.ReadAllAsync(cts.Token))
                        {
                            try
                            {
                                await work(cts.Token);
                            }
                            finally
                            {
                                if (Interlocked.Decrement(ref _pending) == 0)
                                {
                                    _channel.Writer.TryComplete();
                                }
                            }
                        }
                    }
                    catch (Exception ex)
                    {
                        Interlocked.CompareExchange(ref failure, ex, null);
                        _channel.Writer.TryComplete();
                        await cts.CancelAsync();
                    }
                },
                CancellationToken.None);
        }

        await Task.WhenAll(workers);
        cancellationToken.ThrowIfCancellationRequested();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}
