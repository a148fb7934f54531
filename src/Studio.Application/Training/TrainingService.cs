using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using Studio.Core.Bots;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Comparison;
using Studio.Inference.Learning;

namespace Studio.Application.Training;

/// <summary>
/// Trains bots and analyses their intents in the background, one run of each kind per bot at a time, and
/// keeps the latest trained models so the test console can use them. Runs outlive the page that started
/// them; pages subscribe to <see cref="Changed"/> to redraw progress.
/// </summary>
public sealed class TrainingService(BotTrainer trainer, IntentQualityAnalyzer analyzer, ComparisonRunner comparisons, ComparisonHistory history, ILogger<TrainingService> logger)
{
    public const string Train = "train";

    public const string Quality = "quality";

    public const string Compare = "compare";

    private readonly ConcurrentDictionary<string, TrainedBot> _trained = new();
    private readonly ConcurrentDictionary<string, IntentQualityReport> _quality = new();
    private readonly ConcurrentDictionary<(string BotId, string Kind), BackgroundRun> _runs = new();
    private readonly ConcurrentDictionary<string, StoredComparison> _comparisons = new();

    /// <summary>Raised with the bot id whenever a run makes progress or ends.</summary>
    public event Action<string>? Changed;

    public TrainedBot? Trained(string botId) => _trained.GetValueOrDefault(botId);

    public IntentQualityReport? QualityReport(string botId) => _quality.GetValueOrDefault(botId);

    public BackgroundRun? Run(string botId, string kind) => _runs.GetValueOrDefault((botId, kind));

    public BackgroundRun StartTraining(BotDefinition bot, int revision) =>
        Start(bot.Id, Train, revision, run =>
        {
            _trained[bot.Id] = trainer.Train(bot, revision, Progress(run), run.Token);
            return Task.CompletedTask;
        });

    public BackgroundRun StartQuality(BotDefinition bot, int revision, string rung) =>
        Start(bot.Id, Quality, revision, run =>
        {
            _quality[bot.Id] = analyzer.Analyze(bot, rung, progress: Progress(run), cancellationToken: run.Token);
            return Task.CompletedTask;
        });

    /// <summary>The comparison this studio process ran last for the bot (stored runs are in <see cref="ComparisonHistory"/>).</summary>
    public StoredComparison? Comparison(string botId) => _comparisons.GetValueOrDefault(botId);

    /// <summary>Compares setups in the background and stores the outcome with the revision it ran on.</summary>
    public BackgroundRun StartComparison(BotDefinition bot, int revision, IReadOnlyList<Studio.Core.Setups.BotSetup> setups, ComparisonSuite suite, double tolerancePoints) =>
        Start(bot.Id, Compare, revision, async run =>
        {
            var outcome = await comparisons.RunAsync(bot, setups, suite, tolerancePoints, (stage, fraction) =>
            {
                run.Stage = stage;
                run.Fraction = fraction;
                Changed?.Invoke(bot.Id);
            }, run.Token);
            run.Stage = "Storing the results";
            _comparisons[bot.Id] = await history.SaveAsync(bot.Id, revision, outcome, CancellationToken.None);
        });

    /// <summary>The trained models of this revision of the draft: the kept ones when they are of it, else trained now (off the caller's thread).</summary>
    public async Task<TrainedBot> CurrentAsync(BotDefinition bot, int revision, CancellationToken cancellationToken = default) =>
        Trained(bot.Id) is { } known && known.Revision == revision ? known : await Task.Run(() => TrainNow(bot, revision, cancellationToken), cancellationToken);

    /// <summary>Trains synchronously (for the API and tests) and keeps the result.</summary>
    public TrainedBot TrainNow(BotDefinition bot, int revision, CancellationToken cancellationToken = default) =>
        _trained[bot.Id] = trainer.Train(bot, revision, cancellationToken: cancellationToken);

    private BackgroundRun Start(string botId, string kind, int revision, Func<BackgroundRun, Task> work)
    {
        var run = new BackgroundRun(botId, kind, revision);
        var current = _runs.AddOrUpdate((botId, kind), run, (_, existing) => existing.IsRunning ? existing : run);
        if (!ReferenceEquals(current, run))
        {
            return current; // one run of a kind per bot: hand back the one in progress
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await work(run);
                run.Stage = "Done";
                run.Fraction = 1;
            }
            catch (OperationCanceledException)
            {
                run.WasCancelled = true;
                run.Stage = "Cancelled";
            }
            catch (Exception ex) when (ex is BotTrainingException or ArgumentException)
            {
                run.Error = ex.Message;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Kind} run for bot {BotId} failed", kind, botId);
                run.Error = $"The run failed: {ex.Message}";
            }
            finally
            {
                run.IsRunning = false;
                Changed?.Invoke(botId);
            }
        });
        Changed?.Invoke(botId);
        return run;
    }

    private InlineProgress<TrainingProgress> Progress(BackgroundRun run) => new(p =>
    {
        run.Stage = p.Stage;
        run.Fraction = p.Fraction;
        Changed?.Invoke(run.BotId);
    });
}
