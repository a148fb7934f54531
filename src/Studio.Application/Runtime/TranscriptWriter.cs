using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Studio.Core.Privacy;
using Studio.Data.Publishing;

namespace Studio.Application.Runtime;

/// <summary>
/// Stores served turns in batches off the request path, redacted, and removes turns past their retention.
/// A full queue (the database far behind) drops turns with a warning rather than slowing every reply. Redaction runs
/// here too, off the request path: a reply never waits for personal data to be looked for, and what is not yet
/// redacted only ever sits in this process's memory.
/// </summary>
public sealed class TranscriptWriter(TranscriptStore store, Privacy.TurnRedactor redactor, IOptions<RuntimeOptions> options, TimeProvider clock, ILogger<TranscriptWriter> logger) : BackgroundService
{
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(20_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _dropped;

    // One flush at a time: a flush asked for (tests, shutdown) waits for a background one already storing its batch.
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>
    /// Queues a served turn: always counted in the analytics; stored, redacted first, unless the version's retention
    /// is 0. Personal data and sensitive slot values never leave this method.
    /// </summary>
    public void Add(ServedVersion served, ServedTurn what, ParseReply understanding, SensitiveTurn sensitive)
    {
        var days = served.Bot.Privacy?.RetentionDays ?? options.Value.TranscriptRetentionDays;
        var keep = days > 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var cascade = served.Pipeline.Setup.Intent.Cascade;
        var turn = new TranscriptTurn
        {
            BotId = served.Bot.Id, Version = served.Number, Alias = what.Alias, ConversationId = what.ConversationId, Intent = understanding.Intent, Confidence = understanding.Confidence, OutOfScope = understanding.OutOfScope,
            Sentiment = understanding.Sentiment.Label, KeyName = what.KeyName, KeyId = what.KeyId, Fallback = what.Fallback, Handoff = what.Handoff,
            Escalated = cascade is not null && understanding.AnsweredBy == cascade.Large.Name, LatencyMs = what.LatencyMs, Cost = (double)understanding.Cost,
            CreatedUtc = now, ExpiresUtc = now.AddDays(Math.Max(days, 0)),
        };
        var unredacted = keep ? new Unredacted(served.Bot, what.Text, what.Replies, sensitive) : null;
        if (!_queue.Writer.TryWrite(new Pending(turn, keep, unredacted)) && Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            logger.LogWarning("Transcript queue full: {Dropped} turns not stored", _dropped);
        }
    }

    /// <summary>Stores everything queued so far (tests and shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            await FlushQueuedAsync(cancellationToken);
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task FlushQueuedAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Pending>();
        while (_queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }

        if (batch.Count == 0)
        {
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Unredacted is { } raw)
            {
                try
                {
                    var redacted = redactor.Redact(raw.Bot, raw.UserText, raw.Replies, raw.Sensitive);
                    (batch[i].Turn.UserText, batch[i].Turn.Replies) = (redacted.UserText, string.Join("\n\n", redacted.Replies));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Whatever went wrong, the text is not stored unchecked, and the batch and the writer go on.
                    logger.LogWarning("Redacting a turn of {Bot} failed ({Error}); its text is not stored", raw.Bot.Id, ex.GetType().Name);
                    (batch[i].Turn.UserText, batch[i].Turn.Replies) = ("[not stored: the text could not be checked for personal data]", "");
                }
                batch[i] = batch[i] with { Unredacted = null }; // a retry stores what was redacted, and the raw text goes now
            }
        }

        try
        {
            await store.RecordAsync([.. batch.Select(p => (p.Turn, p.Keep))], cancellationToken);
        }
        catch
        {
            foreach (var pending in batch)
            {
                _queue.Writer.TryWrite(pending); // kept for the next try, unless the queue has filled meanwhile
            }

            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextCleanup = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken);
                await FlushAsync(stoppingToken);
                if (clock.GetUtcNow().UtcDateTime >= nextCleanup)
                {
                    var removed = await store.DeleteExpiredAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                    if (removed > 0)
                    {
                        logger.LogInformation("Removed {Count} transcript turns past their retention", removed);
                    }

                    nextCleanup = clock.GetUtcNow().UtcDateTime.AddHours(1);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Storing transcripts failed; will try again");
            }
        }

        await FlushAsync(CancellationToken.None);
    }

    /// <summary>A served turn waiting to be stored; <see cref="Unredacted"/> is what it said, until redaction fills the turn's text.</summary>
    private sealed record Pending(TranscriptTurn Turn, bool Keep, Unredacted? Unredacted);

    private sealed record Unredacted(Studio.Core.Bots.BotDefinition Bot, string UserText, IReadOnlyList<string> Replies, SensitiveTurn Sensitive);

    public override void Dispose()
    {
        _flushing.Dispose();
        base.Dispose();
    }
}
