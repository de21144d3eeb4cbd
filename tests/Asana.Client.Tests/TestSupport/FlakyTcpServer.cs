using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Asana.Client.Tests.TestSupport;

/// <summary>
/// A tiny HTTP/1.1 server on loopback for faults WireMock cannot make: connection <see cref="Behavior.Reset"/>
/// (RST right after the request) and a body cut short of its Content-Length (<see cref="Behavior.Truncate"/>).
/// Each accepted connection takes the next behaviour; the last one repeats. Stops on dispose.
/// </summary>
internal sealed class FlakyTcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Behavior[] _behaviors;
    private readonly byte[] _body;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    public FlakyTcpServer(string body, params Behavior[] behaviors)
    {
        _body = Encoding.UTF8.GetBytes(body);
        _behaviors = behaviors;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public enum Behavior
    {
        Reset,
        Truncate,
        Ok,
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/1.0/");

    public int Connections => Volatile.Read(ref _connections);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        // Bounded: a test never needs more than a handful of connections.
        for (var i = 0; i < 50 && !_stop.IsCancellationRequested; i++)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            var index = Interlocked.Increment(ref _connections) - 1;
            var behavior = _behaviors[Math.Min(index, _behaviors.Length - 1)];
            _ = Task.Run(() => ServeAsync(socket, behavior));
        }
    }

    private async Task ServeAsync(Socket socket, Behavior behavior)
    {
        using (socket)
        {
            try
            {
                await ReadRequestHeadAsync(socket);
                switch (behavior)
                {
                    case Behavior.Reset:
                        socket.LingerState = new LingerOption(true, 0); // close with RST
                        socket.Close();
                        return;
                    case Behavior.Truncate:
                        await SendAsync(socket, Head(_body.Length));
                        await SendAsync(socket, _body.AsMemory(0, _body.Length / 2));
                        socket.LingerState = new LingerOption(true, 0);
                        socket.Close();
                        return;
                    default:
                        await SendAsync(socket, Head(_body.Length));
                        await SendAsync(socket, _body);
                        socket.Shutdown(SocketShutdown.Both);
                        return;
                }
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static byte[] Head(int length) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n");

    private static async Task SendAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data);
            data = data[sent..];
        }
    }

    private static async Task ReadRequestHeadAsync(Socket socket)
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                return;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
