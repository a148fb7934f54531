using Studio.Data.Publishing;

namespace Studio.Cli;

/// <summary>
/// Synthetic served traffic for a bot, for trying analytics at scale: conversations of one to eight turns spread over
/// the last days, intents in a long-tailed mix, some out of scope, fallbacks, handoffs and negative messages, and
/// reply times around a few milliseconds. Stored through <see cref="TranscriptStore.RecordAsync"/>, the path served
/// turns take, so the rollups are built as the runtime builds them. The text says it is seeded; nothing is personal.
/// </summary>
internal static class TrafficSeeder
{
    public const int BatchSize = 10_000;

    public static async Task SeedAsync(TranscriptStore store, string botId, IReadOnlyList<string> intents, IReadOnlyList<int> versions, long turns, int days, int seed,
        DateTime nowUtc, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        // Zipf-like weights: a few intents carry most of the traffic, as in real bots.
        var weights = intents.Select((_, i) => 1.0 / (i + 1)).ToArray();
        var totalWeight = weights.Sum();
        var start = nowUtc.AddDays(-days);
        var span = (nowUtc - start).TotalSeconds - 600;
        var conversations = Math.Max(1, turns / 4);
        var batch = new List<(TranscriptTurn, bool)>(BatchSize);
        long made = 0;
        for (long c = 0; made < turns; c++)
        {
            var version = versions[random.NextDouble() < 0.7 || versions.Count == 1 ? versions.Count - 1 : versions.Count - 2];
            var length = Math.Min(turns - made, 1 + random.Next(7));
            var at = start.AddSeconds(span * Math.Min(c, conversations - 1) / conversations + random.NextDouble() * 30);
            var conversationId = $"seed-{seed}-{c}";
            for (var t = 0; t < length; t++)
            {
                var outOfScope = random.NextDouble() < 0.08;
                var intent = outOfScope ? null : Pick(intents, weights, totalWeight, random);
                var roll = random.NextDouble();
                batch.Add((new TranscriptTurn
                {
                    BotId = botId, Version = version, Alias = "production", ConversationId = conversationId, KeyId = 0, KeyName = "seed",
                    UserText = $"seeded message {made}", Replies = "seeded reply", Intent = intent, OutOfScope = outOfScope,
                    Confidence = outOfScope ? (float)(0.2 + 0.3 * random.NextDouble()) : (float)(0.5 + 0.5 * random.NextDouble()),
                    Fallback = outOfScope && roll < 0.7, Handoff = roll > 0.985,
                    Sentiment = roll < 0.12 ? "negative" : roll < 0.37 ? "positive" : "neutral",
                    LatencyMs = Math.Exp(Math.Log(4) + 0.6 * Normal(random)), CreatedUtc = at.AddSeconds(t * 20), ExpiresUtc = at.AddSeconds(t * 20).AddDays(days),
                }, true));
                made++;
                if (batch.Count == BatchSize)
                {
                    await store.RecordAsync(batch, cancellationToken);
                    batch.Clear();
                    progress?.Report(made);
                }
            }
        }

        if (batch.Count > 0)
        {
            await store.RecordAsync(batch, cancellationToken);
            progress?.Report(made);
        }
    }

    private static string Pick(IReadOnlyList<string> intents, double[] weights, double total, Random random)
    {
        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x <= 0)
            {
                return intents[i];
            }
        }

        return intents[^1];
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
