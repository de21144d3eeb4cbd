using Asana.Permissions.Console.Cli;
using Npgsql;

namespace Asana.Permissions.Console.Tests;

public sealed class StoreLocationTests
{
    [Fact]
    public void APostgreSqlUri_BecomesAConnectionString_PercentDecoded()
    {
        var location = StoreLocation.Parse("postgresql://al%40ice:p%40ss%3Aw%2Frd@db.example:6543/perm%20issions?sslmode=require&application_name=asana%20cli");

        location.IsPostgreSql.Should().BeTrue();
        location.Path.Should().BeNull();
        var builder = new NpgsqlConnectionStringBuilder(location.ConnectionString);
        builder.Username.Should().Be("al@ice");
        builder.Password.Should().Be("p@ss:w/rd");
        builder.Host.Should().Be("db.example");
        builder.Port.Should().Be(6543);
        builder.Database.Should().Be("perm issions");
        builder.SslMode.Should().Be(SslMode.Require);
        builder.ApplicationName.Should().Be("asana cli");
        location.Description.Should().Be("the PostgreSQL database perm issions on db.example:6543").And.NotContain("p@ss");
    }

    [Theory]
    [InlineData("postgres://bob@localhost/asana", "localhost", 5432)]
    [InlineData("POSTGRESQL://bob@[::1]:5433/asana", "::1", 5433)]
    public void TheSchemeAndPortAreOptionalForms(string uri, string host, int port)
    {
        var builder = new NpgsqlConnectionStringBuilder(StoreLocation.Parse(uri).ConnectionString);

        builder.Host.Should().Be(host);
        builder.Port.Should().Be(port);
        builder.Username.Should().Be("bob");
        builder.Password.Should().BeNull();
    }

    [Fact]
    public void AnythingElse_IsAFilePath()
    {
        var location = StoreLocation.Parse("store.db");

        location.IsPostgreSql.Should().BeFalse();
        location.Path.Should().Be(Path.GetFullPath("store.db"));
    }

    [Fact]
    public void TheSecrets_AreThePasswordAsWrittenAndDecoded()
    {
        StoreLocation.Secrets("postgresql://alice:p%40ss@host/db").Should().Equal("p%40ss", "p@ss");
        StoreLocation.Secrets("postgresql://alice@host/db").Should().BeEmpty();
        StoreLocation.Secrets("store.db").Should().BeEmpty();
    }
}
