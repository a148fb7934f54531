using System.ComponentModel.DataAnnotations;

namespace Studio.Inference.Models;

/// <summary>The <c>HostedModels</c> section: how patiently Studio waits for hosted endpoints.</summary>
public sealed class HostedModelOptions
{
    public const string SectionName = "HostedModels";

    /// <summary>One attempt; generations are slow, so the default is generous.</summary>
    [Range(1, 3600)]
    public int AttemptTimeoutSeconds { get; set; } = 60;

    /// <summary>All attempts together.</summary>
    [Range(1, 7200)]
    public int TotalTimeoutSeconds { get; set; } = 180;

    /// <summary>Retries after a failed or timed-out attempt.</summary>
    [Range(1, 10)]
    public int Retries { get; set; } = 2;
}
