namespace Studio.Application.Jobs;

/// <summary>The job queue holds <see cref="Capacity"/> waiting jobs already; nothing was queued.</summary>
public sealed class JobQueueFullException(int capacity)
    : Exception($"{capacity:N0} jobs are already waiting, the most the studio queues (Jobs:QueueCapacity); try again when one has finished.")
{
    public int Capacity { get; } = capacity;
}
