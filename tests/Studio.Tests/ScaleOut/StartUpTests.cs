using Studio.Tests.Api;
using Studio.Tests.Support;

namespace Studio.Tests.ScaleOut;

/// <summary>A shared server that is down, or a setting that names nothing, stops start-up with the setting named.</summary>
public sealed class StartUpTests
{
    [Fact]
    public void RedisDownAtStart_StopsStartUp_NamingTheSetting()
    {
        using var data = new TempDirectory();
        using var redis = new TestRedis();
        redis.Stop(); // a port where nothing listens
        using var app = new StudioAppFactory(data.Path, settings: new Dictionary<string, string> { ["Redis:Configuration"] = redis.Configuration });
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateAnonymousClient());
        Assert.Contains("Redis:Configuration", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSqlDownAtStart_StopsStartUp_NamingTheSetting_WithoutThePassword()
    {
        using var data = new TempDirectory();
        using var app = new StudioAppFactory(data.Path, settings: new Dictionary<string, string>
        {
            ["Database:Provider"] = "postgresql",
            ["Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=studio;Username=studio;Password=hunter2-secret;Timeout=5",
        });
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateAnonymousClient());
        Assert.Contains("Database:ConnectionString", failure.Message + failure.InnerException?.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Database:Provider", "oracle", "Database:Provider")]
    [InlineData("Role", "studio-and-more", "--role")]
    public void AWrongSetting_StopsStartUp_NamingIt(string setting, string value, string named)
    {
        using var data = new TempDirectory();
        using var app = new StudioAppFactory(data.Path, settings: new Dictionary<string, string> { [setting] = value });
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateAnonymousClient());
        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }
}
