namespace Studio.Application.Publishing;

/// <summary>What to publish: an alias to point at the new version, release notes, and a reason when failing tests are overridden.</summary>
public sealed record PublishRequest(string? Alias = null, string? Notes = null, string? OverrideReason = null);

/// <summary>What the gate found: training, the conversation tests, and the override reason when they were published past.</summary>
public sealed record PublishGate(bool Trained, int TestsPassed, int TestsFailed, IReadOnlyList<string> Failures, string? OverrideReason);

/// <summary>A model a version was trained or checked with: which, where, and its SHA-256 (for hosted models, of its identity).</summary>
public sealed record ModelFileRecord(string Id, string Name, string? Path, long? Size, string Sha256);

/// <summary>The gate refused the publish; nothing was stored.</summary>
public sealed class PublishRefusedException(string message, PublishGate? gate = null) : Exception(message)
{
    public PublishGate? Gate { get; } = gate;
}
