using System.ComponentModel.DataAnnotations;

namespace Studio.Application.Jobs;

/// <summary>The <c>Jobs</c> section: how much background work (training, quality runs, comparisons) waits and runs at once.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Jobs that may wait for a worker; one more is refused until a worker frees a place.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 32;

    /// <summary>Jobs that run at once. Each one keeps a core busy, so one suits a small machine.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 1;

    /// <summary>Finished jobs kept for polling, newest first; older ones are forgotten.</summary>
    [Range(1, 100_000)]
    public int KeptFinished { get; set; } = 200;

    /// <summary>Minutes a bot's trained models stay in memory unused; after that the next use trains again.</summary>
    [Range(1, 7 * 24 * 60)]
    public int TrainedIdleMinutes { get; set; } = 30;

    /// <summary>Bots whose trained models are kept in memory at once; the one unused longest goes first.</summary>
    [Range(1, 10_000)]
    public int MaxTrainedBots { get; set; } = 16;
}
