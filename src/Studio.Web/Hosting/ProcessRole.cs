namespace Studio.Web.Hosting;

/// <summary>
/// What this process serves, from <c>--role</c> (or <c>Role</c> in the settings): <c>all</c>, the default, is the
/// studio and its runtime in one process; <c>runtime</c> is a runtime node behind a proxy: the runtime API, <c>/v1</c>,
/// the Rasa channel, the web chat's script and health endpoints, with no studio pages, studio API or accounts.
/// </summary>
public enum ProcessRole
{
    All,
    Runtime,
}

public static class ProcessRoles
{
    public const string SettingName = "Role";

    /// <exception cref="InvalidOperationException">The setting names no role.</exception>
    public static ProcessRole From(IConfiguration configuration) => configuration[SettingName]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => ProcessRole.All,
        "runtime" => ProcessRole.Runtime,
        var other => throw new InvalidOperationException($"--role is '{other}'; it must be 'all' (studio and runtime, the default) or 'runtime' (a runtime node)."),
    };
}
