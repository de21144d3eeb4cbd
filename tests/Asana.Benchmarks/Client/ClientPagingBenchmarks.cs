using System.Net;
using System.Text;
using Asana.Client;
using Asana.Client.Models;
using BenchmarkDotNet.Attributes;

namespace Asana.Benchmarks.Client;

/// <summary>
/// Client CPU per 100-task page: the full pipeline (Refit, resilience, throttle, auth, body check, JSON, mapping)
/// against an in-memory handler that returns a canned 100-task page, so only client overhead is measured.
/// Goal: under 1 ms per page.
/// </summary>
[MemoryDiagnoser]
public class ClientPagingBenchmarks
{
    private AsanaClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = Encoding.UTF8.GetBytes(CannedPage(100));
        _client = AsanaClient.Create(
            new AsanaClientOptions
            {
                BaseAddress = new Uri("http://127.0.0.1:9/api/1.0/"),
                AccessToken = "benchmark-token",
                RequestsPerMinute = 1_000_000, // measure the client, not the pacing
            },
            innerHandler: new CannedHandler(body));
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Description = "GetTasksForProjectPageAsync, 100 tasks")]
    public Task<AsanaPage<AsanaTask>> TaskPage() => _client.GetTasksForProjectPageAsync("900", null, "offset-1");

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
