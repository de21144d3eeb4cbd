using System.Diagnostics;
using Xunit.Abstractions;

namespace Asana.Simulator.Tests;

public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Large_has_about_50000_tasks_and_the_server_starts_fast_and_serves_quickly()
    {
        var watch = Stopwatch.StartNew();
        var org = SimulatedOrganization.Generate(1, OrganizationShape.Large);
        output.WriteLine($"generated {org.TaskCount} tasks in {watch.ElapsedMilliseconds} ms");
        org.TaskCount.Should().BeInRange(40_000, 60_000);

        watch.Restart();
        var (server, http) = await ServerFixture.StartAsync(org);
        await using var _ = server;
        using var __ = http;
        output.WriteLine($"started in {watch.ElapsedMilliseconds} ms");
        watch.ElapsedMilliseconds.Should().BeLessThan(1000);

        var project = org.GetProjectGids()[0];
        watch.Restart();
        const int requests = 2000;
        await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await http.GetAsync(new Uri($"projects/{project}/tasks?limit=10&opt_fields=name,assignee,followers,memberships.project,memberships.section,parent,num_subtasks,modified_at", UriKind.Relative), ct);
            var status = (int)response.StatusCode;
            await response.Content.ReadAsByteArrayAsync(ct);
            status.Should().Be(200);
        });
        output.WriteLine($"{requests} requests in {watch.ElapsedMilliseconds} ms: {requests * 1000.0 / watch.ElapsedMilliseconds:F0}/s");
        server.Requests.Total.Should().Be(requests);
    }
}
