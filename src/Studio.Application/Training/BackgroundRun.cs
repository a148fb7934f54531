namespace Studio.Application.Training;

/// <summary>A training or analysis run going on in the background: what it is doing, how far, and how it ended.</summary>
// A CancellationTokenSource without a timer holds nothing to release, and a finished run stays on show
// (and Cancel callable), so there is no moment at which disposing it would be right.
#pragma warning disable CA1001
public sealed class BackgroundRun(string botId, string kind, int revision)
{
    private readonly CancellationTokenSource _cancellation = new();

    public string BotId { get; } = botId;

    public string Kind { get; } = kind;

    /// <summary>The draft revision the run works on.</summary>
    public int Revision { get; } = revision;

    public string Stage { get; internal set; } = "Starting";

    public double Fraction { get; internal set; }

    public bool IsRunning { get; internal set; } = true;

    public string? Error { get; internal set; }

    public bool WasCancelled { get; internal set; }

    public CancellationToken Token => _cancellation.Token;

    public void Cancel() => _cancellation.Cancel();
}
#pragma warning restore CA1001
