namespace Studio.Application.ScaleOut;

/// <summary>
/// The <c>Redis</c> section. Empty (the default): one node keeps conversation state, rate budgets and change notices
/// in memory. Set: every node shares them through this Redis server.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// StackExchange.Redis's configuration string, e.g. <c>127.0.0.1:6379</c> or <c>redis1:6379,password=…,ssl=true</c>. A
    /// secret: never logged or shown. Its parts are separated by commas, so a password may not contain one.
    /// </summary>
    public string Configuration { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
