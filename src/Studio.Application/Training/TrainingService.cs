using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Options;
using Studio.Application.Jobs;
using Studio.Core.Bots;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Comparison;
using Studio.Inference.Learning;
using Studio.Inference.Models;
using Studio.Application.Caching;

namespace Studio.Application.Training;

/// <summary>
/// Trains bots, analyses their intents and compares setups as jobs of the <see cref="JobRunner"/>, one of each kind per
/// bot at a time, and keeps the latest trained models of recently used bots so the test console can use them. Jobs
/// outlive the page that started them; pages <see cref="Subscribe"/> to redraw progress.
/// </summary>
public sealed class TrainingService(BotTrainer trainer, IntentQualityAnalyzer analyzer, ComparisonRunner comparisons, ComparisonHistory history,
    Studio.Inference.Serving.BotPipelineFactory pipelines, JobRunner jobs, IOptions<JobOptions> options, TimeProvider clock)
{
    // A draft edited while its training waits may get an older run's models; a few more tries settle it.
    private const int TrainingAttempts = 3;

    private readonly IdleCache<TrainedBot> _trained = new(options.Value.MaxTrainedBots, TimeSpan.FromMinutes(options.Value.TrainedIdleMinutes), clock);
    private readonly IdleCache<IntentQualityReport> _quality = new(options.Value.MaxTrainedBots, TimeSpan.FromMinutes(options.Value.TrainedIdleMinutes), clock);

    /// <summary>The bot's kept models, or null when it was not trained or has been idle long enough to be let go.</summary>
    public TrainedBot? Trained(string botId) => _trained.Get(botId);

    public IntentQualityReport? QualityReport(string botId) => _quality.Get(botId);

    /// <summary>The bot's newest job of the kind, running or finished.</summary>
    public JobSnapshot? Run(string botId, JobKind kind) => jobs.Latest(botId, kind);

    /// <summary>Calls <paramref name="onChange"/> whenever one of the bot's jobs moves, until the subscription is disposed.</summary>
    public IDisposable Subscribe(string botId, Action<JobSnapshot> onChange) => jobs.Subscribe(botId, onChange);

    /// <inheritdoc cref="JobRunner.CancelAsync"/>
    public Task<JobSnapshot?> CancelAsync(string jobId, CancellationToken cancellationToken = default) => jobs.CancelAsync(jobId, cancellationToken);

    /// <exception cref="JobQueueFullException">Too many jobs are waiting.</exception>
    public JobSnapshot StartTraining(BotDefinition bot, int revision) =>
        jobs.Enqueue(bot.Id, JobKind.Train, (job, cancellationToken) =>
        {
            var trained = trainer.Train(bot, revision, Progress(job), cancellationToken);
            _trained.Set(bot.Id, trained);
            job.Keep(trained.Summary);
            return Task.CompletedTask;
        });

    /// <exception cref="JobQueueFullException">Too many jobs are waiting.</exception>
    public JobSnapshot StartQuality(BotDefinition bot, string rung) =>
        jobs.Enqueue(bot.Id, JobKind.Quality, (job, cancellationToken) =>
        {
            var report = analyzer.Analyze(bot, rung, progress: Progress(job), cancellationToken: cancellationToken);
            _quality.Set(bot.Id, report);
            job.Keep(report);
            return Task.CompletedTask;
        });

    /// <summary>
    /// Checks the setups and the suite now, so a mistake is refused before anything is queued, then compares the
    /// setups as a job that stores the outcome with the revision it ran on; the job's result is the stored run's summary.
    /// </summary>
    /// <exception cref="ArgumentException">A setup names no rung that can run, or there is nothing to compare.</exception>
    /// <exception cref="JobQueueFullException">Too many jobs are waiting.</exception>
    public JobSnapshot StartComparison(BotDefinition bot, int revision, IReadOnlyList<string> setups, ComparisonSuite suite, double tolerancePoints)
    {
        if (setups.Count == 0)
        {
            throw new ArgumentException("Name at least one setup, such as ngram or encoder.", nameof(setups));
        }

        if (suite.Cases.Count == 0)
        {
            throw new ArgumentException("There is nothing to compare on: give a test suite, or conversation tests with expected intents.", nameof(suite));
        }

        // Parsed once, here at the edge: a mistyped setup, a model this installation lacks or a prompt the bot lacks is refused before anything is queued.
        var parsed = setups.Select(pipelines.Parse).ToList();
        parsed.ForEach(setup => pipelines.Check(setup, bot)); // and a prompt the bot does not have

        return jobs.Enqueue(bot.Id, JobKind.Compare, async (job, cancellationToken) =>
        {
            var outcome = await comparisons.RunAsync(bot, parsed, suite, tolerancePoints, job.Report, cancellationToken);
            job.Report("Storing the results", 1);
            // The comparison is done by now; a cancel arriving while it is stored must not throw the work away.
            var stored = await history.SaveAsync(bot.Id, revision, outcome, CancellationToken.None);
            job.Keep(stored.Summary);
        });
    }

    /// <summary>The trained models of this revision of the draft: the kept ones when they are of it, else trained now through the job queue.</summary>
    public async Task<TrainedBot> CurrentAsync(BotDefinition bot, int revision, CancellationToken cancellationToken = default) =>
        Trained(bot.Id) is { } known && known.Revision == revision ? known : await TrainAsync(bot, revision, cancellationToken);

    /// <summary>
    /// The trained models of this revision for work that is itself a job: the kept ones when they are of it, else trained
    /// inside that job and kept. Waiting for a training job from inside a job could wait for ever on a single worker.
    /// </summary>
    public TrainedBot TrainWithin(JobContext job, BotDefinition bot, int revision, CancellationToken cancellationToken)
    {
        if (Trained(bot.Id) is { } known && known.Revision == revision)
        {
            return known;
        }

        var trained = trainer.Train(bot, revision, Progress(job), cancellationToken);
        if (Trained(bot.Id) is not { } kept || kept.Revision <= revision)
        {
            _trained.Set(bot.Id, trained); // never over a newer revision's models trained meanwhile
        }

        return trained;
    }

    /// <summary>
    /// Trains this revision as a job (joining the bot's training already under way) and waits for it; the wait, not the
    /// training, ends with <paramref name="cancellationToken"/>, so the models are kept for the next caller.
    /// </summary>
    /// <exception cref="BotTrainingException">The draft cannot be trained as it stands.</exception>
    /// <exception cref="JobCancelledException">Someone cancelled the training.</exception>
    /// <exception cref="JobQueueFullException">Too many jobs are waiting.</exception>
    public async Task<TrainedBot> TrainAsync(BotDefinition bot, int revision, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= TrainingAttempts; attempt++)
        {
            var job = StartTraining(bot, revision);
            var finished = jobs.WhenFinished(job.Id) is { } waiting ? await waiting.WaitAsync(cancellationToken) : job;
            if (finished.Status == JobStatus.Failed && finished.Fault is { } fault)
            {
                ExceptionDispatchInfo.Throw(fault);
            }

            if (finished.Status == JobStatus.Cancelled)
            {
                throw new JobCancelledException(JobKind.Train, bot.Id);
            }

            // The run joined may have been of an earlier revision, or its models pushed out by other bots since.
            if (Trained(bot.Id) is { } trained && (trained.Revision == revision || attempt == TrainingAttempts))
            {
                return trained;
            }
        }

        throw new InvalidOperationException($"Bot '{bot.Id}' was trained {TrainingAttempts} times but other bots' models pushed its own out each time; raise Jobs:MaxTrainedBots.");
    }

    private static InlineProgress<TrainingProgress> Progress(JobContext job) => new(p => job.Report(p.Stage, p.Fraction));
}
