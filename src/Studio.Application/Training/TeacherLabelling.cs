using Studio.Application.Jobs;
using Studio.Core.Bots;
using Studio.Core.Comparison;
using Studio.Core.Documents;
using Studio.Core.Teaching;
using Studio.Data.Access;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Data.Teaching;
using Studio.Inference.Comparison;
using Studio.Inference.Serving;

namespace Studio.Application.Training;

/// <summary>
/// Distillation as the designer does it: a larger rung (the teacher) labels messages nobody labelled, through the same
/// pipeline that serves the bot; the designer accepts or corrects the labels; accepted ones become examples marked as
/// taught; and the smaller rungs are compared trained without and with them. Labels are kept batch by batch, so a teacher
/// that fails half-way loses nothing and the run resumes where it stopped.
/// </summary>
public sealed class TeacherLabelling(TeachingStore store, BotDraftStore drafts, TranscriptStore transcripts, TrainingService training, BotPipelineFactory pipelines,
    ComparisonRunner comparisons, ComparisonHistory history, LadderWalks ladder, JobRunner jobs, ICurrentActor actor,
    Microsoft.Extensions.Options.IOptions<Studio.Core.StudioOptions> options) : IDisposable
{
    // Checking that no teacher runs and starting one are one step: a start in between would be handed this one's job.
    private readonly SemaphoreSlim _starting = new(1, 1);

    // Labels are stored this many at a time: what a failure can cost at most.
    private const int BatchSize = 25;

    /// <summary>How many served turns the transcript source reads, newest first.</summary>
    public const int TranscriptTurns = 5000;

    /// <summary>The rungs that can teach now, largest first: every rung of the ladder but the smallest, which has no one to teach.</summary>
    public IReadOnlyList<LadderRung> Teachers()
    {
        var rungs = ladder.Rungs();
        return rungs.Count < 2 ? rungs : [.. rungs.Take(rungs.Count - 1)];
    }

    /// <summary>The rungs a teacher's labels are compared on: the local rungs smaller than it (only <c>ngram</c> under a cascade or itself).</summary>
    public IReadOnlyList<string> Students(string teacher)
    {
        var order = ladder.Rungs().Select(r => r.Setup).ToList();
        var at = order.IndexOf(teacher);
        var smaller = at < 0 ? ["ngram"] : order.Skip(at + 1).Where(s => s is "ngram" or "encoder").ToList();
        return smaller.Count == 0 ? [teacher] : smaller;
    }

    /// <summary>The newest job of the kind for the bot: <see cref="JobKind.Label"/> or <see cref="JobKind.BeforeAfter"/>.</summary>
    public JobSnapshot? Latest(string botId, JobKind kind) => jobs.Latest(botId, kind);

    /// <summary>Messages users sent the bot in served conversations that are not examples yet, newest first.</summary>
    public async Task<IReadOnlyList<string>> ServedMessagesAsync(string botId, CancellationToken cancellationToken = default)
    {
        var stored = await drafts.GetAsync(botId, cancellationToken);
        var examples = stored.Bot.Intents.SelectMany(i => i.PlainExamples()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var messages = await transcripts.UserMessagesAsync(botId, TranscriptTurns, cancellationToken);
        return [.. messages.Select(m => m.Trim()).Where(m => m.Length is > 0 and <= TeachingStore.MaxMessageLength && !examples.Contains(m)).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Stores the messages as a new run and starts the teacher on them.</summary>
    /// <exception cref="ArgumentException">The teacher cannot run here, or the messages are none, too many or too long; nothing is stored.</exception>
    /// <exception cref="PermissionDeniedException">The actor may not edit bots.</exception>
    public async Task<(TeachingRunSummary Run, JobSnapshot Job)> StartAsync(string botId, string teacher, string source, IEnumerable<string> messages,
        CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        await _starting.WaitAsync(cancellationToken);
        try
        {
            EnsureIdle(botId, JobKind.Label);
            var stored = await drafts.GetAsync(botId, cancellationToken);
            pipelines.Check(pipelines.Parse(teacher), stored.Bot);
            var run = await store.CreateAsync(botId, teacher.Trim(), source, messages, cancellationToken);
            return (run, Label(stored.Bot, stored.Revision, run));
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>Starts the teacher again on what it has not labelled yet (after it failed, or was cancelled).</summary>
    /// <exception cref="TeachingRunNotFoundException">The bot has no such run.</exception>
    public async Task<JobSnapshot> ResumeAsync(string botId, long runId, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        await _starting.WaitAsync(cancellationToken);
        try
        {
            EnsureIdle(botId, JobKind.Label);
            var stored = await drafts.GetAsync(botId, cancellationToken);
            var run = await store.GetAsync(botId, runId, cancellationToken);
            if (run.Finished)
            {
                throw new ArgumentException($"The teacher has labelled every message of run {run.Id}; there is nothing to resume.");
            }

            pipelines.Check(pipelines.Parse(run.Teacher), stored.Bot);
            return Label(stored.Bot, stored.Revision, run);
        }
        finally
        {
            _starting.Release();
        }
    }

    // A bot runs one job of a kind at a time, and asking again joins the one running: for another run that would look
    // like this run's job while this run waited for ever.
    private void EnsureIdle(string botId, JobKind kind)
    {
        if (jobs.Latest(botId, kind) is { IsActive: true })
        {
            throw new ArgumentException(kind == JobKind.Label
                ? "A teacher is labelling for this bot already; wait for it to finish, or cancel it, then start or resume this run."
                : "A before/after comparison is running for this bot already; wait for it to finish, or cancel it.");
        }
    }

    private JobSnapshot Label(BotDefinition bot, int revision, TeachingRunSummary run) => jobs.Enqueue(bot.Id, JobKind.Label, async (job, cancellationToken) =>
    {
        var setup = pipelines.Parse(run.Teacher);
        job.Report($"Training the draft for {run.Teacher}", 0);
        var pipeline = pipelines.Create(bot, training.TrainWithin(job, bot, revision, cancellationToken), setup);
        var done = run.Labelled;
        await store.SetErrorAsync(run.Id, null, CancellationToken.None);
        while (await store.UnlabelledAsync(run.Id, BatchSize, cancellationToken) is { Count: > 0 } batch)
        {
            var labels = new List<(long, string?, double)>();
            try
            {
                foreach (var item in batch)
                {
                    var analysis = await pipeline.UnderstandAsync(item.Text, cancellationToken);
                    labels.Add((item.Id, analysis.Intent.Intent, analysis.Intent.Confidence));
                    job.Report($"{run.Teacher}: labelled {++done:N0} of {run.Messages:N0}", (double)done / run.Messages);
                }
            }
            catch (Exception ex)
            {
                // Whatever made the teacher stop, the labels it made are kept, and the run says why it stopped.
                await store.SaveLabelsAsync(run.Id, labels, CancellationToken.None);
                await store.SetErrorAsync(run.Id, ex is OperationCanceledException ? "Cancelled." : ex.Message, CancellationToken.None);
                throw;
            }

            await store.SaveLabelsAsync(run.Id, labels, CancellationToken.None);
        }

        job.Keep(await store.GetAsync(bot.Id, run.Id, CancellationToken.None));
    });

    /// <summary>
    /// Adds the run's accepted labels to the draft as examples marked as taught by the run's teacher, on top of whatever
    /// the draft holds now (a save that lands meanwhile is read again, never overwritten).
    /// </summary>
    /// <exception cref="ArgumentException">Nothing is accepted, or a label names an intent the bot no longer has.</exception>
    public async Task<TeachingApplied> ApplyAsync(string botId, long runId, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        var run = await store.GetAsync(botId, runId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var ready = await store.ReadyAsync(run.Id, cancellationToken);
            if (ready.Count == 0)
            {
                throw new ArgumentException("No accepted label waits to be added: accept some first.");
            }

            var stored = await drafts.GetAsync(botId, cancellationToken);
            var bot = BotDocuments.Clone(stored.Bot);
            var added = TaughtExamples.Add(bot, [.. ready.Select(i => new AcceptedLabel(i.Text, i.Chosen!, i.Chosen == i.Intent ? i.Confidence : null))], run.Teacher);
            // The draft must stay a file the studio can import again.
            var bytes = System.Text.Encoding.UTF8.GetByteCount(BotDocuments.Write(bot, BotDocumentFormat.Yaml));
            if (bytes > options.Value.MaxUploadBytes)
            {
                throw new ArgumentException($"With these {added:N0} examples the bot would be {bytes:N0} bytes as YAML, past the {options.Value.MaxUploadBytes:N0}-byte limit of a bot file; accept fewer labels.");
            }

            try
            {
                var saved = await drafts.SaveAsync(bot, stored.Revision, cancellationToken);
                await store.MarkAppliedAsync(run.Id, [.. ready.Select(i => i.Id)], CancellationToken.None);
                return new TeachingApplied(added, ready.Count - added, saved.Revision);
            }
            catch (StaleRevisionException) when (attempt < 3)
            {
                // Someone saved meanwhile: add to their draft instead.
            }
        }
    }

    /// <summary>
    /// Retrains the draft, and compares the student rungs trained without and with the run's taught examples (the teacher
    /// beside them) on one set of messages: <paramref name="suite"/> (conversation tests or labelled messages; the bot's
    /// conversation tests when null). Both runs are stored like any comparison.
    /// </summary>
    /// <exception cref="ArgumentException">Nothing of the run was added yet, the suite is empty, or it is a k-fold split.</exception>
    public async Task<JobSnapshot> StartBeforeAfterAsync(string botId, long runId, ComparisonSuite? suite, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        EnsureIdle(botId, JobKind.BeforeAfter);
        var run = await store.GetAsync(botId, runId, cancellationToken);
        var taught = await store.AppliedTextsAsync(run.Id, cancellationToken);
        if (taught.Count == 0)
        {
            throw new ArgumentException("Add the accepted labels to the bot first; then there is something to compare.");
        }

        var stored = await drafts.GetAsync(botId, cancellationToken);
        var after = stored.Bot;
        var before = TaughtExamples.Without(after, taught);
        suite ??= ComparisonSuite.FromTests(after);
        if (suite.Rounds.Count != 1)
        {
            // A split of the examples would test on the taught examples themselves.
            throw new ArgumentException("Compare before and after on conversation tests or labelled messages, not on a split of the examples.");
        }

        if (suite.Cases.Count == 0)
        {
            throw new ArgumentException("There is nothing to compare on: write conversation tests with expected intents, or upload labelled messages.");
        }

        // The same messages, learnt from the bot without and with what was taught.
        ComparisonSuite On(BotDefinition bot, string when) =>
            suite with { Description = $"{when} teaching run {run.Id}: {suite.Description}", Rounds = [new SuiteRound(bot, suite.Rounds[0].CaseIndices)] };
        var students = Students(run.Teacher);
        var setups = students.Select(pipelines.Parse).ToList();
        var teacher = pipelines.Parse(run.Teacher);
        setups.Append(teacher).ToList().ForEach(s => pipelines.Check(s, after));
        training.StartTraining(after, stored.Revision);
        return jobs.Enqueue(botId, JobKind.BeforeAfter, async (job, cancellationToken) =>
        {
            // The teacher runs beside the students before: trained on what it labelled from, so its figure is the bar they learn towards.
            var beforeSetups = students.Contains(run.Teacher) ? setups : [.. setups, teacher];
            var beforeRun = await comparisons.RunAsync(before, beforeSetups, On(before, "before"), 1, (stage, f) => job.Report($"Before: {stage}", f / 2), cancellationToken);
            var afterRun = await comparisons.RunAsync(after, setups, On(after, "after"), 1, (stage, f) => job.Report($"After: {stage}", 0.5 + f / 2), cancellationToken);
            job.Report("Storing the results", 1);
            // The comparisons are done by now; a cancel arriving while they are stored must not throw the work away.
            var beforeId = (await history.SaveAsync(botId, stored.Revision, beforeRun, CancellationToken.None)).Summary.Id;
            var afterId = (await history.SaveAsync(botId, stored.Revision, afterRun, CancellationToken.None)).Summary.Id;
            var deltas = students.Select((s, i) => new TeachingDelta(s, beforeRun.Results[i].Accuracy, afterRun.Results[i].Accuracy)).ToList();
            job.Keep(new TeachingComparison(run.Id, run.Teacher, suite.Description, taught.Count, beforeRun.Results[^1].Accuracy, deltas, beforeId, afterId));
        });
    }

    public void Dispose() => _starting.Dispose();
}
