namespace Studio.Data.Teaching;

/// <summary>A teaching run with its counts: how far the teacher got and what the designer decided.</summary>
public sealed record TeachingRunSummary(long Id, string BotId, string Teacher, string Source, string CreatedBy, DateTime CreatedUtc, int Messages, int Labelled,
    int Accepted, int Rejected, int Applied, string? Error)
{
    public bool Finished => Labelled == Messages;

    /// <summary>Accepted labels not yet added to the bot.</summary>
    public int ReadyToAdd => Accepted - Applied;
}

/// <summary>One page of a run's items, and how many match the filter in all.</summary>
public sealed record TeachingPage(IReadOnlyList<TeachingItem> Items, int Total);
