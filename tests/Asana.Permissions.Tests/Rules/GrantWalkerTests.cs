using Asana.Permissions.Rules;
using Asana.Permissions.Sources;
using Asana.Permissions.Tests.TestData;

namespace Asana.Permissions.Tests.Rules;

/// <summary>
/// The parent-chain walk every caller shares: chains longer than the on-stack cycle check, cycles of every length
/// (shorter and longer than it), and a cycle's grants reported once.
/// </summary>
public sealed class GrantWalkerTests
{
    private const int LongChain = GrantWalker.ExactCycleCheckDepth * 3;

    [Fact]
    public void DeepChain_LongerThanTheStackCheck_InheritsFromTheTop()
    {
        var builder = new WorkspaceBuilder().User("gina").User("bob")
            .Project("p", "P", PrivacySettings.Private, users: ["gina"])
            .Task("t0", projects: ["p"]);
        for (var i = 1; i <= LongChain; i++)
        {
            builder.Task($"t{i}", parent: $"t{i - 1}", followers: i == LongChain / 2 ? ["bob"] : null);
        }

        var engine = builder.Engine();
        var deepest = $"t{LongChain}";

        engine.CanView("gina", deepest).Should().BeTrue();
        engine.CanView("bob", deepest).Should().BeTrue("bob follows an ancestor past the stack check's depth");
        engine.CanView("bob", "t1").Should().BeFalse();
        engine.ListPrincipals(deepest).Should().Equal("bob", "gina");
        engine.GetTicketPrincipalTokens(deepest).Should().Equal("user:bob", "user:gina");
        var grant = engine.Explain("gina", deepest).Because.Should().ContainSingle().Subject;
        grant.Via.Should().HaveCount(LongChain + 3);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(GrantWalker.ExactCycleCheckDepth - 1)]
    [InlineData(GrantWalker.ExactCycleCheckDepth)]
    [InlineData(GrantWalker.ExactCycleCheckDepth + 1)]
    [InlineData(LongChain)]
    public void ParentCycle_OfAnyLength_EndsTheWalk_AndReportsEachGrantOnce(int length)
    {
        // c0 -> c1 -> ... -> c(length-1) -> c0: bob follows the last task of the cycle, nothing else grants.
        var builder = new WorkspaceBuilder().User("bob").User("carol");
        for (var i = 0; i < length; i++)
        {
            builder.Task($"c{i}", parent: $"c{(i + 1) % length}", followers: i == length - 1 ? ["bob"] : null);
        }

        var engine = builder.Engine();

        engine.CanView("bob", "c0").Should().BeTrue();
        engine.CanView("carol", "c0").Should().BeFalse();
        engine.Explain("bob", "c0").Because.Should().ContainSingle();
        engine.Explain("carol", "c0").Allowed.Should().BeFalse();
        engine.ListPrincipals("c0").Should().Equal("bob");
        engine.GetTicketPrincipalTokens("c0").Should().Equal("user:bob");
        engine.ListAccessible("bob").Should().HaveCount(length);
    }

    [Fact]
    public void ParentCycle_AtTheEndOfAChainLongerThanTheStackCheck_EndsTheWalk()
    {
        // t0 -> ... -> t(tail-1) -> c0 -> c1 -> c2 -> c0: the cycle starts past the on-stack check's depth.
        const int tail = GrantWalker.ExactCycleCheckDepth + 4;
        var builder = new WorkspaceBuilder().User("bob").User("carol");
        for (var i = 0; i < tail; i++)
        {
            builder.Task($"t{i}", parent: i == tail - 1 ? "c0" : $"t{i + 1}");
        }

        builder.Task("c0", parent: "c1").Task("c1", parent: "c2").Task("c2", parent: "c0", followers: ["bob"]);
        var engine = builder.Engine();

        engine.CanView("bob", "t0").Should().BeTrue();
        engine.CanView("carol", "t0").Should().BeFalse();
        engine.Explain("bob", "t0").Because.Should().ContainSingle();
        engine.ListPrincipals("t0").Should().Equal("bob");
        engine.GetTicketPrincipalTokens("t0").Should().Equal("user:bob");
    }

    [Fact]
    public void CanView_AllocatesNothing_OnceTheUsersProjectsAreCached()
    {
        var builder = new WorkspaceBuilder().User("u1").User("u2")
            .Team("t1", "One", "u2")
            .Project("p1", "P1", PrivacySettings.Private, teams: ["t1"])
            .Portfolio("f1", "F1", users: ["u1"], shares: ["p1"])
            .Task("k0", projects: ["p1"]);
        for (var i = 1; i <= 5; i++)
        {
            builder.Task($"k{i}", parent: $"k{i - 1}");
        }

        var engine = builder.Engine();
        engine.CanView("u1", "k5").Should().BeTrue();
        engine.CanView("u2", "k5").Should().BeTrue();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowed = engine.CanView("u1", "k5") && engine.CanView("u2", "k5") && !engine.CanView("u2", "missing");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allowed.Should().BeTrue();
        allocated.Should().Be(0);
    }
}
