using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Studio.Data.Publishing;

namespace Studio.Application.Runtime;

/// <summary>
/// Stores served turns in batches off the request path, and removes turns older than the retention period.
/// A full queue (the database far behind) drops turns with a warning rather than slowing every reply.
/// </summary>
public sealed class TranscriptWriter(TranscriptStore store, IOptions<RuntimeOptions> options, TimeProvider clock, ILogger<TranscriptWriter> logger) : BackgroundService
{
    private readonly Channel<TranscriptTurn> _queue = Channel.CreateBounded<TranscriptTurn>(new BoundedChannelOptions(20_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _dropped;

    // One flush at a time: a flush asked for (tests, shutdown) waits for a background one already storing its batch.
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public void Add(string botId, int version, string conversationId, string text, IReadOnlyList<string> replies, ParseReply understanding, string keyName)
    {
        if (options.Value.TranscriptRetentionDays <= 0)
        {
            return;
        }

        var turn = new TranscriptTurn
        {
            BotId = botId, Version = version, ConversationId = conversationId, UserText = text, Replies = string.Join("\n\n", replies),
            Intent = understanding.Intent, Confidence = understanding.Confidence, Sentiment = understanding.Sentiment.Label, KeyName = keyName,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        if (!_queue.Writer.TryWrite(turn) && Interlocked.Increment(ref _dropped) % 1000 == 1)
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
        var batch = new List<TranscriptTurn>();
        while (_queue.Reader.TryRead(out var turn))
        {
            batch.Add(turn);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await store.AddAsync(batch, cancellationToken);
        }
        catch
        {
            foreach (var turn in batch)
            {
                _queue.Writer.TryWrite(turn); // kept for the next try, unless the queue has filled meanwhile
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
                    var removed = await store.DeleteOlderThanAsync(clock.GetUtcNow().UtcDateTime.AddDays(-Math.Max(0, options.Value.TranscriptRetentionDays)), stoppingToken);
                    if (removed > 0)
                    {
                        logger.LogInformation("Removed {Count} transcript turns past the retention of {Days} days", removed, options.Value.TranscriptRetentionDays);
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

    public override void Dispose()
    {
        _flushing.Dispose();
        base.Dispose();
    }
}
