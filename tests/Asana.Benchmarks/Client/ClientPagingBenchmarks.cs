using System.Net;
using System.Text;
using Asana.Client;
using Asana.Client.Models;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Asana.Benchmarks.Client;

/// <summary>
/// Client cost per 100-task page: the full pipeline (Refit, resilience, throttle, auth, body check, JSON, mapping).
/// <c>InMemory</c> answers from a handler with a canned page, so only client overhead is measured (goal: under 1 ms
/// of CPU per page); <c>Loopback</c> fetches the same page over real HTTP from a Kestrel server on 127.0.0.1, so it
/// includes the socket round trip and the server's share of the same two cores.
/// </summary>
[MemoryDiagnoser]
public class ClientPagingBenchmarks
{
    private AsanaClient _inMemory = null!;
    private AsanaClient _loopback = null!;
    private WebApplication _server = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var body = Encoding.UTF8.GetBytes(CannedPage(100));
        _inMemory = AsanaClient.Create(Options(new Uri("http://127.0.0.1:9/api/1.0/")), innerHandler: new CannedHandler(body));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/api/1.0/projects/{gid}/tasks", (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _loopback = AsanaClient.Create(Options(new Uri(address + "/api/1.0/")));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _inMemory.Dispose();
        _loopback.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Description = "InMemory: GetTasksForProjectAsync(...).AsPages(offset), one page of 100 tasks")]
    public ValueTask<AsanaPage<AsanaTask>> InMemoryTaskPage() => _inMemory.GetTasksForProjectAsync("900").AsPages("offset-1").FirstAsync();

    [Benchmark(Description = "Loopback: GetTasksForProjectAsync(...).AsPages(offset), one page of 100 tasks")]
    public ValueTask<AsanaPage<AsanaTask>> LoopbackTaskPage() => _loopback.GetTasksForProjectAsync("900").AsPages("offset-1").FirstAsync();

    private static AsanaClientOptions Options(Uri baseAddress) => new()
    {
        BaseAddress = baseAddress,
        AccessToken = "benchmark-token",
        RequestsPerMinute = 1_000_000, // measure the client, not the pacing
    };

    private static string CannedPage(int count)
    {
        var builder = new StringBuilder("{\"data\":[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            var assignee = i % 4 == 0 ? "null" : "{\"gid\":\"2000" + i + "\",\"resource_type\":\"user\"}";
            var completed = i % 3 == 0 ? "true" : "false";
            builder.Append(
                $$"""
                {"gid":"12000000000{{i}}","resource_type":"task","name":"Task number {{i}} with a realistic name","notes":"Some notes about task {{i}}, a sentence or two long.",
                "resource_subtype":"default_task","completed":{{completed}},"modified_at":"2024-02-22T02:06:58.147Z",
                "assignee":{{assignee}},
                "followers":[{"gid":"30001","resource_type":"user"},{"gid":"30002","resource_type":"user"}],
                "memberships":[{"project":{"gid":"900","resource_type":"project"},"section":{"gid":"1100","resource_type":"section"} }],
                "parent":null,"num_subtasks":{{i % 5}} }
                """);
        }

        return builder.Append("],\"next_page\":{\"offset\":\"offset-2\",\"path\":\"/projects/900/tasks?limit=100&offset=offset-2\",\"uri\":\"http://127.0.0.1:9/api/1.0/projects/900/tasks?limit=100&offset=offset-2\"}}").ToString();
    }

    private sealed class CannedHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
