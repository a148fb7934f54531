using Microsoft.EntityFrameworkCore;
using Studio.Data.Access;

namespace Studio.Data.Teaching;

/// <summary>
/// Teaching runs and their items, per bot; they go when the bot is deleted. Starting a run and deciding on labels is
/// designing (what is accepted becomes the bot's examples), so both need the edit permission here, whatever path calls.
/// </summary>
public sealed class TeachingStore(IDbContextFactory<StudioDbContext> contexts, TimeProvider clock, ICurrentActor actor)
{
    /// <summary>The most messages one run labels: a whole training set's worth, a bound on the work one request starts.</summary>
    public const int MaxMessages = 20_000;

    /// <summary>The longest message a run takes: the longest example a bot may have.</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>Runs kept per bot; the oldest go when a new one starts.</summary>
    public const int KeptRuns = 20;

    /// <summary>The longest page of items one call reads.</summary>
    public const int MaxPageSize = 500;

    /// <summary>
    /// Starts a run with the messages trimmed, blank ones left out and repeats taken once, in their order.
    /// </summary>
    /// <exception cref="ArgumentException">No message is left, there are too many, or one is too long; nothing is stored.</exception>
    public async Task<TeachingRunSummary> CreateAsync(string botId, string teacher, string source, IEnumerable<string> messages, CancellationToken cancellationToken = default)
    {
        var who = await actor.DemandAsync(Right.Edit, cancellationToken);
        var texts = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var message in messages)
        {
            // A JSON array may carry nulls whatever its declared type says.
            var text = message?.Trim() ?? throw new ArgumentException($"Message {texts.Count + 1:N0} is null; give text.");
            if (text.Length > MaxMessageLength)
            {
                throw new ArgumentException($"Message {texts.Count + 1:N0} is {text.Length:N0} characters; the limit is {MaxMessageLength:N0} (as for an example).");
            }

            if (text.Length > 0 && seen.Add(text))
            {
                texts.Add(text);
                if (texts.Count > MaxMessages)
                {
                    throw new ArgumentException($"A teaching run labels at most {MaxMessages:N0} different messages; split the rest into another run.");
                }
            }
        }

        if (texts.Count == 0)
        {
            throw new ArgumentException("There are no messages to label: paste some, one per line, upload a CSV, or take them from served transcripts.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = new TeachingRun
        {
            BotId = botId, Teacher = Limit(teacher, 200), Source = Limit(source, 200), CreatedBy = who.Name, CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Items = [.. texts.Select((t, i) => new TeachingItem { Position = i, Text = t })],
        };
        db.TeachingRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var stale = await db.TeachingRuns.Where(r => r.BotId == botId).OrderByDescending(r => r.Id).Skip(KeptRuns).Select(r => r.Id).ToListAsync(cancellationToken);
        if (stale.Count > 0)
        {
            await db.TeachingRuns.Where(r => stale.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return (await FindAsync(botId, run.Id, cancellationToken))!;
    }

    /// <summary>The bot's runs, newest first, with their counts.</summary>
    public async Task<IReadOnlyList<TeachingRunSummary>> ListAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Summaries(db.TeachingRuns.AsNoTracking().Where(r => r.BotId == botId).OrderByDescending(r => r.Id)).ToListAsync(cancellationToken);
    }

    public async Task<TeachingRunSummary?> FindAsync(string botId, long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Summaries(db.TeachingRuns.AsNoTracking().Where(r => r.BotId == botId && r.Id == runId)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <inheritdoc cref="FindAsync"/>
    /// <exception cref="TeachingRunNotFoundException">The bot has no such run.</exception>
    public async Task<TeachingRunSummary> GetAsync(string botId, long runId, CancellationToken cancellationToken = default) =>
        await FindAsync(botId, runId, cancellationToken) ?? throw new TeachingRunNotFoundException(botId, runId);

    /// <summary>A page of the run's labelled items that match the filter, least confident first: those most need a look.</summary>
    public async Task<TeachingPage> ItemsAsync(string botId, long runId, TeachingFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = Matching(db, botId, runId, filter);
        var total = await items.CountAsync(cancellationToken);
        var page = await items.OrderBy(i => i.Confidence).ThenBy(i => i.Position)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize)).ToListAsync(cancellationToken);
        return new TeachingPage(page, total);
    }

    /// <summary>The next messages the teacher has not labelled, in their order.</summary>
    public async Task<IReadOnlyList<TeachingItem>> UnlabelledAsync(long runId, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TeachingItems.AsNoTracking().Where(i => i.RunId == runId && !i.Labelled).OrderBy(i => i.Position).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Keeps a batch of the teacher's labels; what is kept survives the teacher failing later.</summary>
    public async Task SaveLabelsAsync(long runId, IReadOnlyList<(long ItemId, string? Intent, double Confidence)> labels, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = labels.Select(l => l.ItemId).ToList();
        var items = await db.TeachingItems.Where(i => i.RunId == runId && ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        foreach (var (id, intent, confidence) in labels)
        {
            if (items.TryGetValue(id, out var item))
            {
                (item.Labelled, item.Intent, item.Confidence) = (true, intent, Math.Clamp(double.IsFinite(confidence) ? confidence : 0, 0, 1));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records why labelling stopped (null: it went on, or finished).</summary>
    public async Task SetErrorAsync(long runId, string? error, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.TeachingRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Error, error is null ? null : Limit(error, 2000)), cancellationToken);
    }

    /// <summary>
    /// Decides on the given items: accept them (as the teacher said, or as <paramref name="intent"/> when the designer
    /// corrects them), reject them, or put them back to pending. Items already added to the bot stay as they are.
    /// Returns how many changed.
    /// </summary>
    /// <exception cref="ArgumentException">Too many items at once.</exception>
    public async Task<int> DecideAsync(string botId, long runId, IReadOnlyCollection<long> itemIds, TeachingDecision decision, string? intent = null, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        if (itemIds.Count > MaxPageSize)
        {
            throw new ArgumentException($"Decide on at most {MaxPageSize} items at once, or on everything a filter shows.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = db.TeachingItems.Where(i => i.RunId == runId && i.Labelled && !i.Applied && itemIds.Contains(i.Id) && db.TeachingRuns.Any(r => r.Id == runId && r.BotId == botId));
        return await Decide(items, decision, intent, cancellationToken);
    }

    /// <summary>
    /// The same decision on every labelled item not yet added that the filter matches ("accept all at 0.8 or more"). Without
    /// a decision in the filter only pending items are decided, so a bulk accept never undoes a rejection made by hand.
    /// </summary>
    public async Task<int> DecideAllAsync(string botId, long runId, TeachingFilter filter, TeachingDecision decision, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = Matching(db, botId, runId, filter).Where(i => !i.Applied);
        return await Decide(filter.Decision is null ? items.Where(i => i.Decision == TeachingDecision.Pending) : items, decision, null, cancellationToken);
    }

    /// <summary>The accepted labels not yet added to the bot.</summary>
    public async Task<IReadOnlyList<TeachingItem>> ReadyAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TeachingItems.AsNoTracking().Where(i => i.RunId == runId && i.Decision == TeachingDecision.Accepted && !i.Applied && i.Chosen != null)
            .OrderBy(i => i.Position).ToListAsync(cancellationToken);
    }

    /// <summary>The texts of the run's labels that have been added to the bot.</summary>
    public async Task<IReadOnlyList<string>> AppliedTextsAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TeachingItems.AsNoTracking().Where(i => i.RunId == runId && i.Applied).Select(i => i.Text).ToListAsync(cancellationToken);
    }

    public async Task MarkAppliedAsync(long runId, IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var chunk in itemIds.Chunk(500))
        {
            await db.TeachingItems.Where(i => i.RunId == runId && chunk.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.Applied, true), cancellationToken);
        }
    }

    /// <summary>Removes the bot's teaching messages that are one of <paramref name="texts"/> (a forgotten conversation's); returns how many.</summary>
    public async Task<int> ForgetTextsAsync(string botId, IReadOnlyCollection<string> texts, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Publish, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var removed = 0;
        foreach (var chunk in texts.Distinct(StringComparer.Ordinal).Chunk(200))
        {
            removed += await db.TeachingItems.Where(i => chunk.Contains(i.Text) && db.TeachingRuns.Any(r => r.Id == i.RunId && r.BotId == botId))
                .ExecuteDeleteAsync(cancellationToken);
        }

        return removed;
    }

    private static async Task<int> Decide(IQueryable<TeachingItem> items, TeachingDecision decision, string? intent, CancellationToken cancellationToken) => decision switch
    {
        // Accepting keeps a correction already made; an explicit intent is a correction.
        TeachingDecision.Accepted when intent is not null => await items.ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Decision, TeachingDecision.Accepted).SetProperty(i => i.Chosen, intent), cancellationToken),
        TeachingDecision.Accepted => await items.Where(i => i.Intent != null || i.Chosen != null).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Decision, TeachingDecision.Accepted).SetProperty(i => i.Chosen, i => i.Chosen ?? i.Intent), cancellationToken),
        _ => await items.ExecuteUpdateAsync(s => s.SetProperty(i => i.Decision, decision).SetProperty(i => i.Chosen, (string?)null), cancellationToken),
    };

    private static IQueryable<TeachingItem> Matching(StudioDbContext db, string botId, long runId, TeachingFilter filter)
    {
        var items = db.TeachingItems.AsNoTracking().Where(i => i.RunId == runId && i.Labelled && db.TeachingRuns.Any(r => r.Id == runId && r.BotId == botId)
            && i.Confidence >= filter.MinConfidence && i.Confidence <= filter.MaxConfidence);
        if (filter.Decision is { } decision)
        {
            items = items.Where(i => i.Decision == decision);
        }

        if (filter.Intent is { } intent)
        {
            items = intent.Length == 0 ? items.Where(i => i.Intent == null && i.Chosen == null) : items.Where(i => i.Intent == intent || i.Chosen == intent);
        }

        return items;
    }

    private static IQueryable<TeachingRunSummary> Summaries(IQueryable<TeachingRun> runs) => runs.Select(r => new TeachingRunSummary(r.Id, r.BotId, r.Teacher, r.Source,
        r.CreatedBy, r.CreatedUtc, r.Items.Count, r.Items.Count(i => i.Labelled), r.Items.Count(i => i.Decision == TeachingDecision.Accepted),
        r.Items.Count(i => i.Decision == TeachingDecision.Rejected), r.Items.Count(i => i.Applied), r.Error));

    private static string Limit(string text, int length) => text.Length <= length ? text : text[..length];
}
