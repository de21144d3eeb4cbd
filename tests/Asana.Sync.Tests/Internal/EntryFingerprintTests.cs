using System.Collections;
using System.Reflection;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;
using Asana.Sync.Internal;
using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Internal;

/// <summary>
/// A row is skipped only when its fingerprint is unchanged, so a field left out of the fingerprint would leave a stale
/// row (a stale grant) behind. These tests change every field of every entry, at any depth, one at a time, by
/// reflection: a field added to an entry or to a record it holds is covered without being named here, and fails
/// until <see cref="EntryFingerprint"/> includes it.
/// </summary>
public sealed class EntryFingerprintTests
{
    private static readonly Permission Allowed = new(PermissionEffect.Allowed, ["VIEW"], ["u1", "u2"], ["MEMBER"], ["t1"], ["p1"], ["k0"]);
    private static readonly Permission Inherited = new(PermissionEffect.Inherited, ["VIEW"], ["u3"], ["ADMIN"], ["t2"], ["p2", "s2"], ["k9"]);

    private static TicketEntry Ticket() => new(
        new TaskRecord("k1", "Launch plan", "u1", ["u2", "u3"], [new TaskPlacement("p1", "s1"), new TaskPlacement("p2", "s2")], "k0", new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(2)), "notes", true,
            new TaskDetails(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "2025-03-02", DateTimeOffset.UnixEpoch, "u4", "https://app.asana.com/0/0/k1", [new TagRecord("g1", "urgent")])),
        new Ticket("k1", "Launch plan", "TASK", "k0", ["p1", "s1"], ["u1"], [Allowed, Inherited], new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(2)),
            "notes", TicketStatus.Closed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "u4", "https://app.asana.com/0/0/k1", ["g1"], DateTimeOffset.UnixEpoch),
        ["user:u1", "team:t1"],
        2);

    private static UserEntry User() => new(
        new UserRecord("u1", "Ann", "ann@acme.example"),
        new WorkspaceMembershipRecord("u1", true, true, false),
        new User("u1", "Ann", "ann@acme.example", true, ["ADMIN", "MEMBER"], ["t1", "t2"]),
        ["user:u1", "team:t1"]);

    private static TeamEntry Team() => new(
        new TeamRecord("t1", "Eng", "Builds things"),
        [new TeamMembershipRecord("t1", "u1", false, true), new TeamMembershipRecord("t1", "u2", true, false)],
        new Team("t1", "Eng", "Builds things"));

    private static CollectionEntry Collection() => new(
        new Collection("p1", "Roadmap", CollectionType.Project, "p0", [Allowed, Inherited], "Plans for the year", CollectionAccessLevel.Private),
        new ProjectRecord("p1", "Roadmap", PrivacySettings.PrivateToTeam, "t1", true, "Plans for the year"),
        [new ProjectMembershipRecord("p1", "u1", MemberKind.User), new ProjectMembershipRecord("p1", "t1", MemberKind.Team)],
        new SectionRecord("s1", "Todo", "p1"));

    private static PortfolioEntry Portfolio() => new(
        new PortfolioRecord("f1", "Plans"),
        [new PortfolioMembershipRecord("f1", "u1", MemberKind.User), new PortfolioMembershipRecord("f1", "t1", MemberKind.Team)],
        [new ProjectPortfolioSettingRecord("f1", "p1", true), new ProjectPortfolioSettingRecord("f1", "p2", false)]);

    public static TheoryData<string> EntryKinds => ["ticket", "user", "team", "collection", "portfolio"];

    private static (object Entry, Func<object, string> Fingerprint) Sample(string kind, FingerprintBuilder builder) => kind switch
    {
        "ticket" => (Ticket(), e => EntryFingerprint.Of((TicketEntry)e, builder)),
        "user" => (User(), e => EntryFingerprint.Of((UserEntry)e, builder)),
        "team" => (Team(), e => EntryFingerprint.Of((TeamEntry)e, builder)),
        "collection" => (Collection(), e => EntryFingerprint.Of((CollectionEntry)e, builder)),
        "portfolio" => (Portfolio(), e => EntryFingerprint.Of((PortfolioEntry)e, builder)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(EntryKinds))]
    public void ChangingAnyOneField_AtAnyDepth_ChangesTheFingerprint(string kind)
    {
        using var builder = new FingerprintBuilder();
        var (entry, fingerprint) = Sample(kind, builder);
        var original = fingerprint(entry);
        var variants = Variants(entry, entry.GetType(), kind).ToList();

        variants.Should().HaveCountGreaterThan(10);
        variants.Select(v => v.Path).Should().OnlyHaveUniqueItems();
        var unchanged = variants.Where(v => fingerprint(v.Value!) == original).Select(v => v.Path).ToList();
        unchanged.Should().BeEmpty("every field a store keeps must move the fingerprint");
        fingerprint(entry).Should().Be(original, "the same entry always has the same fingerprint");
    }

    [Fact]
    public void TheVariants_ReachEveryFieldOfATicket()
    {
        var paths = Variants(Ticket(), typeof(TicketEntry), "ticket").Select(v => v.Path).ToList();

        paths.Should().Contain(
        [
            "ticket.Source.Name", "ticket.Source.Notes", "ticket.Source.Notes=null", "ticket.Source.FollowerGids[1]", "ticket.Source.FollowerGids[+]",
            "ticket.Source.Memberships[0].SectionGid", "ticket.Source.Memberships[-]", "ticket.Source.ParentGid", "ticket.Source.ModifiedAt+offset",
            "ticket.Source.Completed", "ticket.Source.AssigneeGid=null", "ticket.Model.Permissions[1].AppliedToCollections[0]",
            "ticket.Model.Permissions[0].Effect", "ticket.Model.Permissions[-]", "ticket.Model.TicketType", "ticket.Model.RemoteUpdatedAt=null",
            "ticket.PrincipalTokens[0]", "ticket.PrincipalTokens[+]", "ticket.NumSubtasks",
        ]);
    }

    [Fact]
    public void NamedTicketChanges_EachChangeTheFingerprint()
    {
        using var builder = new FingerprintBuilder();
        var ticket = Ticket();
        var original = EntryFingerprint.Of(ticket, builder);
        var changed = new Dictionary<string, TicketEntry>
        {
            ["name"] = ticket with { Source = ticket.Source with { Name = "Launch plan v2" } },
            ["a follower"] = ticket with { Source = ticket.Source with { FollowerGids = ["u2", "u4"] } },
            ["a token"] = ticket with { PrincipalTokens = ["user:u1", "team:t2"] },
            ["num_subtasks"] = ticket with { NumSubtasks = 3 },
            ["a permission list"] = ticket with { Model = ticket.Model with { Permissions = [Allowed with { AppliedToUsers = ["u1"] }, Inherited] } },
            ["a section"] = ticket with { Source = ticket.Source with { Memberships = [new TaskPlacement("p1", "s9"), new TaskPlacement("p2", "s2")] } },
        };

        foreach (var (what, entry) in changed)
        {
            EntryFingerprint.Of(entry, builder).Should().NotBe(original, what);
        }

        EntryFingerprint.Of(ticket with { Fingerprint = "v1:stored" }, builder).Should().Be(original, "the fingerprint does not fingerprint itself");
        EntryFingerprint.Of(ticket, builder, known: original).Should().BeSameAs(original, "an unchanged row reuses the stored string");
        EntryFingerprint.Of(ticket, builder, known: "v1:other").Should().Be(original);
    }

    /// <summary>
    /// Every value that differs from <paramref name="value"/> in exactly one place (a field, a list item, a list's
    /// length, null or not), each with the path of what changed.
    /// </summary>
    private static IEnumerable<(string Path, object? Value)> Variants(object? value, Type type, string path, bool nullable = false)
    {
        if (nullable && value is not null)
        {
            yield return ($"{path}=null", null);
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null)
        {
            yield return ($"{path}=value", Sample(underlying));
            yield break;
        }

        if (underlying == typeof(string))
        {
            yield return (path, (string)value + "x");
        }
        else if (underlying == typeof(bool))
        {
            yield return (path, !(bool)value);
        }
        else if (underlying == typeof(int))
        {
            yield return (path, (int)value + 1);
        }
        else if (underlying.IsEnum)
        {
            yield return (path, Enum.GetValues(underlying).Cast<object>().First(v => !v.Equals(value)));
        }
        else if (underlying == typeof(DateTimeOffset))
        {
            var time = (DateTimeOffset)value;
            yield return (path, time.AddTicks(1));
            yield return ($"{path}+offset", time.ToOffset(time.Offset + TimeSpan.FromHours(1)));
        }
        else if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = underlying.GetGenericArguments()[0];
            var items = ((IEnumerable)value).Cast<object>().ToList();
            yield return ($"{path}[+]", ToList(item, [.. items, Sample(item)]));
            if (items.Count > 0)
            {
                yield return ($"{path}[-]", ToList(item, items.Skip(1)));
            }

            for (var i = 0; i < items.Count; i++)
            {
                foreach (var (inner, changed) in Variants(items[i], item, $"{path}[{i}]"))
                {
                    var copy = items.ToList();
                    copy[i] = changed!;
                    yield return (inner, ToList(item, copy));
                }
            }
        }
        else
        {
            foreach (var variant in RecordVariants(value, underlying, path))
            {
                yield return variant;
            }
        }
    }

    /// <summary>The variants of a positional record: one per variant of each constructor parameter.</summary>
    private static IEnumerable<(string Path, object? Value)> RecordVariants(object value, Type type, string path)
    {
        var constructor = PrimaryConstructor(type);
        var parameters = constructor.GetParameters();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(TicketEntry.Fingerprint))
            .Select(p => p.Name);
        properties.Should().BeEquivalentTo(parameters.Select(p => p.Name), $"{type.Name} must be positional: its other properties would escape these variants");

        var nullability = new NullabilityInfoContext();
        var arguments = parameters.Select(p => type.GetProperty(p.Name!)!.GetValue(value)).ToArray();
        for (var i = 0; i < parameters.Length; i++)
        {
            var nullable = nullability.Create(parameters[i]).WriteState == NullabilityState.Nullable;
            foreach (var (inner, changed) in Variants(arguments[i], parameters[i].ParameterType, $"{path}.{parameters[i].Name}", nullable))
            {
                var copy = (object?[])arguments.Clone();
                copy[i] = changed;
                yield return (inner, constructor.Invoke(copy));
            }
        }
    }

    private static object Sample(Type type)
    {
        if (type == typeof(string))
        {
            return "sample";
        }

        if (type == typeof(DateTimeOffset))
        {
            return DateTimeOffset.UnixEpoch;
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type)!;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return ToList(type.GetGenericArguments()[0], []);
        }

        var constructor = PrimaryConstructor(type);
        return constructor.Invoke([.. constructor.GetParameters().Select(p => Sample(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))]);
    }

    private static ConstructorInfo PrimaryConstructor(Type type) =>
        type.GetConstructors().Where(c => c.GetParameters().All(p => p.ParameterType != type)).MaxBy(c => c.GetParameters().Length)!;

    private static object ToList(Type item, IEnumerable<object> items)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
        foreach (var element in items)
        {
            list.Add(element);
        }

        return list;
    }
}
