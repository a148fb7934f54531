using Microsoft.EntityFrameworkCore;
using Studio.Core.Analytics;
using Studio.Data.Publishing;

namespace Studio.Data.Analytics;

/// <summary>
/// Adds a batch of served turns to the hourly rollups, in the caller's context and transaction: each turn counts once
/// in its hour, each conversation once in the hour it started, and a conversation's first fallback or handoff takes it
/// out of the contained count of that starting hour.
/// </summary>
internal static class TrafficRecorder
{
    private const int Chunk = 500;

    public static async Task RecordAsync(StudioDbContext db, IReadOnlyList<TranscriptTurn> turns, CancellationToken cancellationToken)
    {
        if (turns.Count == 0)
        {
            return;
        }

        var hours = await HourRowsAsync(db, turns, cancellationToken);
        var intents = await IntentRowsAsync(db, turns, cancellationToken);
        var conversations = await ConversationsAsync(db, turns, cancellationToken);
        var started = await StartRowsAsync(db, conversations.Values, hours, cancellationToken);
        var latencies = hours.ToDictionary(h => h.Key, h => Histogram(h.Value.Latency));
        var newConversations = new List<(ServedConversation Conversation, TrafficHour Hour)>();
        foreach (var turn in turns)
        {
            var key = HourKey(turn);
            var hour = hours[key];
            hour.Messages++;
            hour.Fallbacks += turn.Fallback ? 1 : 0;
            hour.Handoffs += turn.Handoff ? 1 : 0;
            hour.OutOfScope += turn.OutOfScope ? 1 : 0;
            hour.Escalated += turn.Escalated ? 1 : 0;
            hour.Positive += turn.Sentiment == "positive" ? 1 : 0;
            hour.Negative += turn.Sentiment == "negative" ? 1 : 0;
            hour.LatencyMsSum += turn.LatencyMs;
            hour.LatencyMsSquares += turn.LatencyMs * turn.LatencyMs;
            hour.Cost += turn.Cost;
            hour.CostSquares += turn.Cost * turn.Cost;
            latencies[key].Add(turn.LatencyMs);
            intents[(key, turn.OutOfScope ? "" : turn.Intent ?? "")].Count++;

            var escapes = turn.Fallback || turn.Handoff;
            var conversationKey = (turn.BotId, turn.KeyId, turn.ConversationId);
            if (!conversations.TryGetValue(conversationKey, out var conversation))
            {
                conversation = new ServedConversation { BotId = turn.BotId, KeyId = turn.KeyId, ConversationId = turn.ConversationId, Escaped = escapes, LastUtc = turn.CreatedUtc };
                conversations[conversationKey] = conversation;
                newConversations.Add((conversation, hour));
                hour.Conversations++;
                hour.Contained += escapes ? 0 : 1;
                continue;
            }

            conversation.LastUtc = turn.CreatedUtc;
            if (escapes && !conversation.Escaped)
            {
                conversation.Escaped = true;
                var startHour = conversation.Id == 0 ? newConversations.First(n => ReferenceEquals(n.Conversation, conversation)).Hour : started.GetValueOrDefault(conversation.TrafficHourId);
                if (startHour is not null)
                {
                    startHour.Contained--;
                }
            }
        }

        foreach (var (key, hour) in hours)
        {
            hour.Latency = latencies[key].ToString();
        }

        await db.SaveChangesAsync(cancellationToken); // gives new hour rows their ids
        foreach (var (conversation, hour) in newConversations)
        {
            conversation.TrafficHourId = hour.Id;
            db.ServedConversations.Add(conversation);
        }
    }

    private static (string, int, string, DateTime) HourKey(TranscriptTurn turn) => (turn.BotId, turn.Version, turn.Alias, Hour(turn.CreatedUtc));

    public static DateTime Hour(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);

    private static LatencyHistogram Histogram(string stored)
    {
        var histogram = new LatencyHistogram();
        histogram.Add(stored);
        return histogram;
    }

    private static async Task<Dictionary<(string, int, string, DateTime), TrafficHour>> HourRowsAsync(StudioDbContext db, IReadOnlyList<TranscriptTurn> turns, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string, int, string, DateTime), TrafficHour>();
        foreach (var group in turns.GroupBy(t => t.BotId))
        {
            var hourList = group.Select(t => Hour(t.CreatedUtc)).Distinct().ToList();
            var (first, last) = (hourList.Min(), hourList.Max());
            foreach (var row in await db.TrafficHours.Where(h => h.BotId == group.Key && h.HourUtc >= first && h.HourUtc <= last).ToListAsync(cancellationToken))
            {
                rows[(row.BotId, row.Version, row.Alias, DateTime.SpecifyKind(row.HourUtc, DateTimeKind.Utc))] = row;
            }
        }

        foreach (var key in turns.Select(HourKey).Distinct().Where(k => !rows.ContainsKey(k)))
        {
            var row = new TrafficHour { BotId = key.Item1, Version = key.Item2, Alias = key.Item3, HourUtc = key.Item4 };
            db.TrafficHours.Add(row);
            rows[key] = row;
        }

        return rows;
    }

    private static async Task<Dictionary<((string, int, string, DateTime), string), TrafficIntentHour>> IntentRowsAsync(StudioDbContext db, IReadOnlyList<TranscriptTurn> turns,
        CancellationToken cancellationToken)
    {
        var rows = new Dictionary<((string, int, string, DateTime), string), TrafficIntentHour>();
        foreach (var group in turns.GroupBy(t => t.BotId))
        {
            var hourList = group.Select(t => Hour(t.CreatedUtc)).Distinct().ToList();
            var (first, last) = (hourList.Min(), hourList.Max());
            foreach (var row in await db.TrafficIntentHours.Where(h => h.BotId == group.Key && h.HourUtc >= first && h.HourUtc <= last).ToListAsync(cancellationToken))
            {
                rows[((row.BotId, row.Version, row.Alias, DateTime.SpecifyKind(row.HourUtc, DateTimeKind.Utc)), row.Intent)] = row;
            }
        }

        foreach (var key in turns.Select(t => (HourKey(t), t.OutOfScope ? "" : t.Intent ?? "")).Distinct().Where(k => !rows.ContainsKey(k)))
        {
            var row = new TrafficIntentHour { BotId = key.Item1.Item1, Version = key.Item1.Item2, Alias = key.Item1.Item3, HourUtc = key.Item1.Item4, Intent = key.Item2 };
            db.TrafficIntentHours.Add(row);
            rows[key] = row;
        }

        return rows;
    }

    private static async Task<Dictionary<(string, long, string), ServedConversation>> ConversationsAsync(StudioDbContext db, IReadOnlyList<TranscriptTurn> turns,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, long, string), ServedConversation>();
        foreach (var group in turns.GroupBy(t => t.BotId))
        {
            foreach (var ids in group.Select(t => t.ConversationId).Distinct(StringComparer.Ordinal).Chunk(Chunk))
            {
                foreach (var row in await db.ServedConversations.Where(c => c.BotId == group.Key && ids.Contains(c.ConversationId)).ToListAsync(cancellationToken))
                {
                    found[(row.BotId, row.KeyId, row.ConversationId)] = row;
                }
            }
        }

        return found;
    }

    private static async Task<Dictionary<long, TrafficHour>> StartRowsAsync(StudioDbContext db, IEnumerable<ServedConversation> conversations,
        Dictionary<(string, int, string, DateTime), TrafficHour> loaded, CancellationToken cancellationToken)
    {
        var rows = loaded.Values.Where(h => h.Id != 0).ToDictionary(h => h.Id);
        foreach (var ids in conversations.Where(c => !c.Escaped).Select(c => c.TrafficHourId).Distinct().Where(id => !rows.ContainsKey(id)).Chunk(Chunk))
        {
            foreach (var row in await db.TrafficHours.Where(h => ids.Contains(h.Id)).ToListAsync(cancellationToken))
            {
                rows[row.Id] = row;
            }
        }

        return rows;
    }
}
