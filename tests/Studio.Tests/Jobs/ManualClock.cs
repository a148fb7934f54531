namespace Studio.Tests.Jobs;

/// <summary>A fake clock that moves only when told: idle expiry measured in minutes, tested in no time.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
