using System.Text.Json;
using Studio.Data.Comparisons;
using Studio.Inference.Comparison;

namespace Studio.Application.Training;

/// <summary>A comparison run read back from the database: when and on which revision it ran, and what it found.</summary>
public sealed record StoredComparison(ComparisonSummary Summary, ComparisonOutcome Outcome);

/// <summary>Keeps comparison outcomes in the database as JSON, so runs survive reloads and restarts and can be looked at later.</summary>
public sealed class ComparisonHistory(ComparisonStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredComparison> SaveAsync(string botId, int revision, ComparisonOutcome outcome, CancellationToken cancellationToken = default)
    {
        var id = await store.SaveAsync(botId, revision, outcome.Suite, outcome.Results.Select(r => r.Setup), JsonSerializer.Serialize(outcome, Json), cancellationToken);
        return (await FindAsync(botId, id, cancellationToken))!;
    }

    public Task<IReadOnlyList<ComparisonSummary>> ListAsync(string botId, CancellationToken cancellationToken = default) => store.ListAsync(botId, cancellationToken);

    public async Task<StoredComparison?> FindAsync(string botId, long id, CancellationToken cancellationToken = default) =>
        await store.FindAsync(botId, id, cancellationToken) is { } found
            ? new StoredComparison(found.Summary, JsonSerializer.Deserialize<ComparisonOutcome>(found.Outcome, Json)!)
            : null;

    public async Task<StoredComparison?> LatestAsync(string botId, CancellationToken cancellationToken = default) =>
        (await store.ListAsync(botId, cancellationToken)) is [var latest, ..] ? await FindAsync(botId, latest.Id, cancellationToken) : null;
}
