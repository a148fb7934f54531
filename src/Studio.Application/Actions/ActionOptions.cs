using System.ComponentModel.DataAnnotations;

namespace Studio.Application.Actions;

/// <summary>The <c>Actions</c> configuration section: the secrets action headers may name, and where actions may call.</summary>
public sealed class ActionOptions
{
    public const string SectionName = "Actions";

    /// <summary>
    /// Secret name to value, for <c>{secret:NAME}</c> in an action's headers (set them as environment variables,
    /// <c>Actions__Secrets__NAME</c>). They stay in the installation: never in a bot, a version, a trace or a log.
    /// </summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Hosts an action may call even though they resolve to loopback or link-local addresses, which are refused
    /// otherwise (the studio's own machine, cloud metadata at 169.254.169.254). Private networks are allowed:
    /// that is where enterprise APIs live.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Largest answer read; a longer one is cut there, which the trace records.</summary>
    [Range(1_024, 10 * 1024 * 1024)]
    public int MaxAnswerBytes { get; set; } = 256 * 1024;

    /// <summary>Further tries after a transient failure, for methods safe to repeat (GET, HEAD, OPTIONS); POST and the like are tried once.</summary>
    [Range(0, 5)]
    public int Retries { get; set; } = 2;
}
