using Asana.Client.Http;
using Asana.Client.Serialization;
using Asana.Client.Tests.TestSupport;

namespace Asana.Client.Tests.Conformance;

/// <summary>
/// Every request the client can build, captured on the wire, against Asana's OpenAPI description (the committed
/// surface file): path and method, query parameters and their values, <c>opt_fields</c>, and every response field the
/// wire layer reads. Then proof that the checker reports drift by name.
/// </summary>
public sealed class SpecConformanceTests
{
    private const string BasePath = "/api/1.0";

    public static TheoryData<string> Calls => ClientCalls.Names();

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task ClientRequest_ConformsToAsanasSpec(string call)
    {
        var checker = new SpecConformanceChecker(ApiSurface.Committed);

        var requests = await CaptureAsync(ClientCalls.Named(call));

        requests.Should().NotBeEmpty();
        requests.SelectMany(r => checker.Check(r, RefitOperations.Of(r).WireType)).Select(v => v.Message).Should().BeEmpty();
    }

    [Fact]
    public async Task AllCalls_CoverTheClientTheRefitSurfaceAndTheSurfaceFile_AndNeedEveryAllowance()
    {
        var checker = new SpecConformanceChecker(ApiSurface.Committed);
        var requests = new List<CapturedRequest>();
        foreach (var call in ClientCalls.All)
        {
            requests.AddRange(await CaptureAsync(call));
        }

        var violations = requests.SelectMany(r => checker.Check(r, RefitOperations.Of(r).WireType)).ToList();

        violations.Select(v => v.Message).Should().BeEmpty();
        typeof(IAsanaClient).GetMethods().Where(m => !m.IsSpecialName).Select(m => m.Name)
            .Should().BeSubsetOf(ClientCalls.All.Select(c => c.Method), "every public client method is called here");
        RefitOperations.All.Select(o => o.Name)
            .Should().BeSubsetOf(requests.Select(r => RefitOperations.Of(r).Name), "every Refit operation is exercised");
        ApiSurface.Committed.Operations.Select(o => o.OperationId)
            .Should().BeSubsetOf(requests.Select(r => checker.Match(r)!.OperationId), "the surface file holds only operations the client calls");
        KnownSpecDefects.All.Should().BeSubsetOf(checker.UsedAllowances, "an allow-list entry that excuses nothing is stale");
    }

    [Fact]
    public void Checker_UndeclaredQueryParameter_IsReportedByName()
    {
        var violations = Check("/users?workspace=12345&limit=2&colour=red");

        violations.Should().ContainSingle().Which.Message.Should().Contain("query parameter 'colour' is not declared").And.Contain("getUsers");
    }

    [Fact]
    public void Checker_UndeclaredOptField_IsReportedByName()
    {
        var violations = Check("/users?workspace=12345&opt_fields=name,favourite_colour");

        violations.Should().ContainSingle().Which.Message.Should().Contain("opt_fields entry 'favourite_colour' is not declared");
    }

    [Fact]
    public void Checker_UnknownResponseField_IsReportedByName()
    {
        // The same surface, minus the one declaration of a user's email: reading UserDto must now be caught.
        var users = ApiSurface.Committed.Operation("getUsers");
        var surface = ApiSurface.Committed with
        {
            Operations = [users with { OptFields = [.. users.OptFields.Where(f => f != "email")] }],
        };

        var violations = new SpecConformanceChecker(surface).Check(Request("/users?workspace=12345"), typeof(ListEnvelope<UserDto>));

        violations.Should().ContainSingle().Which.Message.Should().Contain("reads response field 'data.email'");
    }

    [Fact]
    public void Checker_EnumValueNotDeclared_IsReportedByName()
    {
        var violations = Check("/workspaces/12345/tasks/search?resource_subtype=section&sort_by=created_at");

        violations.Should().ContainSingle().Which.Message.Should().Contain("value 'section' of 'resource_subtype' is not among the declared values");
    }

    [Theory]
    [InlineData("/tasks?project=900&modified_since=yesterday", "'modified_since' is not an RFC 3339 date-time")]
    [InlineData("/projects?workspace=12345&archived=maybe", "'archived' is not a boolean")]
    [InlineData("/projects?workspace=12345&limit=ten", "'limit' is not an integer")]
    public void Checker_MalformedValue_IsReportedByName(string pathAndQuery, string expected)
    {
        Check(pathAndQuery).Should().ContainSingle().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Checker_RequiredParameterMissing_IsReportedByName()
    {
        Check("/portfolios?limit=2").Should().ContainSingle().Which.Message.Should().Contain("required query parameter 'workspace' is not sent");
    }

    [Fact]
    public void Checker_UndeclaredRequestBodyField_IsReportedByName()
    {
        var request = new CapturedRequest(
            "POST",
            "/webhooks",
            [],
            """{"data": {"resource": "1", "target": "https://example.com/h", "filters": [{"resource_type": "task", "colour": "red"}]}}""");

        var violations = new SpecConformanceChecker(ApiSurface.Committed, allowed: []).Check(request, wireType: null);

        violations.Should().ContainSingle().Which.Message.Should().Contain("request body holds field 'data.filters.colour'").And.Contain("createWebhook");
    }

    [Fact]
    public void Checker_PathOutsideTheSurface_IsReported()
    {
        Check("/colours/12345").Should().ContainSingle().Which.Message.Should().Contain("GET /colours/12345 matches no operation");
    }

    [Fact]
    public void Checker_AllowListedDefect_IsExcusedOnlyByItsEntry()
    {
        var request = Request("/workspaces/12345/tasks/search?limit=100");
        var withList = new SpecConformanceChecker(ApiSurface.Committed);

        withList.Check(request, null).Should().BeEmpty();
        withList.UsedAllowances.Should().ContainSingle().Which.Key.Should().Be("query:limit");
        new SpecConformanceChecker(ApiSurface.Committed, allowed: []).Check(request, null)
            .Should().ContainSingle().Which.Message.Should().Contain("query parameter 'limit' is not declared");
    }

    [Fact]
    public void WireFields_OfATaskPage_FollowNestedDtosByTheirJsonNames()
    {
        var fields = WireFields.Of(typeof(ListEnvelope<TaskDto>));

        fields.Should().Contain(["data.gid", "data.num_subtasks", "data.memberships.project.gid", "data.followers.resource_type", "next_page.offset"]);
    }

    [Fact]
    public void KnownSpecDefects_EachSaysWhy()
    {
        KnownSpecDefects.All.Should().OnlyContain(d => d.Why.Length > 40 && ApiSurface.Committed.Operations.Any(o => o.OperationId == d.OperationId));
    }

    private static IReadOnlyList<SpecViolation> Check(string pathAndQuery) =>
        new SpecConformanceChecker(ApiSurface.Committed, allowed: []).Check(Request(pathAndQuery), wireType: null);

    private static CapturedRequest Request(string pathAndQuery) =>
        CapturedRequest.From(new HttpRequestMessage(HttpMethod.Get, new Uri("http://asana.test" + BasePath + pathAndQuery)), BasePath);

    private static async Task<IReadOnlyList<CapturedRequest>> CaptureAsync(ClientCall call)
    {
        // A client per call: search pacing must not hold a later call back.
        using var handler = new CapturingHandler(BasePath);
        using var client = TestClients.Create(new Uri("http://asana.test" + BasePath + "/"), o => o.MaxRetryAttempts = 0, innerHandler: handler);
        await call.Call(client).WaitAsync(TimeSpan.FromSeconds(30));
        return handler.Requests;
    }
}
