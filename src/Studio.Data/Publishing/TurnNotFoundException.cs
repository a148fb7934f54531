namespace Studio.Data.Publishing;

/// <summary>A served turn that is not stored (never, or no longer: past its retention, or forgotten).</summary>
public sealed class TurnNotFoundException(string botId, long turnId)
    : Exception($"Bot '{botId}' has no stored turn {turnId}: it may be past its retention or forgotten.");
