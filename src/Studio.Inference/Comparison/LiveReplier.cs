using System.Diagnostics;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Llm;
using Studio.Inference.Models;

namespace Studio.Inference.Comparison;

/// <summary>
/// Answers one message in one column of a live side-by-side run, doing each task with the rung the column's
/// setup names: the intent with a small setup (ngram, encoder, a cascade of the two) or a large model; the
/// sentiment with the small head or a large model; then the bot's flows decide what to say, and with
/// <c>+generation:&lt;model&gt;</c> the model says it in its own words, streamed as it is generated — so a designer
/// sees what a larger model adds to each task, and what it costs.
/// </summary>
public sealed class LiveReplier(ModelRegistry registry, ITextEmbedder embedder)
{
    // A large model's intent still comes with the small models' entities and sentiment, read with the encoder.
    private const string EncoderRung = "encoder";

    /// <summary>Whether any task of the setup runs on a large model (such columns answer after the small ones).</summary>
    public static bool UsesLargeModel(ModelRegistry registry, string setup)
    {
        var spec = SetupSpec.Parse(setup);
        return LargeModelRung.Find(registry, spec.Intent) is not null
            || new[] { spec.Sentiment, spec.Generation }.Any(id => id is not null && registry.Find(id) is { IsGenerative: true });
    }

    public async Task AnswerAsync(LiveColumn column, BotDefinition bot, TrainedBot trained, string message, DateOnly today, Action changed,
        CancellationToken cancellationToken = default)
    {
        var turn = new LiveTurn(message);
        column.Turns.Add(turn);
        changed();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var spec = SetupSpec.Parse(column.Setup);
            var understanding = await UnderstandAsync(spec, turn, bot, trained, message, today, cancellationToken);
            var result = new ConversationEngine(bot, null, Knowledge.KnowledgeResponder.For(trained, bot, registry)).Handle(column.State, message, understanding);
            turn.Intent = understanding.OutOfScope ? null : understanding.Intent;
            turn.Confidence = understanding.Confidence;
            turn.Sentiment = understanding.Sentiment;
            if (spec.Generation is { } generation)
            {
                var reply = await LlmTasks.On(registry, generation, embedder).StreamRephrasedReplyAsync(bot.Name, string.Join(" ", result.Replies), message, piece =>
                {
                    turn.Append(piece);
                    changed();
                }, cancellationToken: cancellationToken);
                turn.AddUsage(reply.InputTokens, reply.OutputTokens);
            }
            else
            {
                turn.Append(string.Join("\n", result.Replies));
            }
        }
        catch (Exception ex) when (ex is ModelUnavailableException or ModelBusyException or ArgumentException or HttpRequestException or TimeoutException)
        {
            turn.Error = ex.Message;
        }
        finally
        {
            turn.Milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            turn.Done = true;
            changed();
        }
    }

    // Entities always come from the small models; intent and sentiment from the rungs the setup names.
    private async Task<TurnUnderstanding> UnderstandAsync(SetupSpec spec, LiveTurn turn, BotDefinition bot, TrainedBot trained, string message, DateOnly today,
        CancellationToken cancellationToken)
    {
        var (smallRung, largeIntent, threshold) = IntentRungs(spec.Intent);
        var analysis = await Task.Run(() => trained.Analyze(message, today, smallRung), cancellationToken);
        var understanding = analysis.ToUnderstanding();
        if (largeIntent is not null && (threshold is not { } t || understanding.OutOfScope || understanding.Confidence < t))
        {
            var intent = await LlmTasks.On(registry, largeIntent.Profile.Id, embedder).ClassifyIntentAsync(message, bot, largeIntent.Shots, cancellationToken);
            turn.AddUsage(intent.InputTokens, intent.OutputTokens);
            understanding = understanding with { Intent = intent.Value, Confidence = 1f, OutOfScope = false };
        }

        if (spec.Sentiment is { } sentiment && sentiment != SetupSpec.SentimentHead)
        {
            var feeling = await LlmTasks.On(registry, sentiment, embedder).SentimentAsync(message, cancellationToken);
            turn.AddUsage(feeling.InputTokens, feeling.OutputTokens);
            understanding = understanding with { Sentiment = feeling.Value, SentimentScore = feeling.Value switch { "negative" => -1f, "positive" => 1f, _ => 0f } };
        }

        return understanding;
    }

    // The small rung that reads every message, the large model that answers (always, or below a cascade's
    // threshold), and that threshold. A large model alone is read by the encoder for its entities and sentiment.
    private (string SmallRung, LargeModelRung? Large, float? Threshold) IntentRungs(string intent)
    {
        if (LargeModelRung.Find(registry, intent) is { } alone)
        {
            return (EncoderRung, alone, null);
        }

        if (CascadeIntentClassifier.Parse(intent) is { } cascade)
        {
            if (LargeModelRung.Find(registry, cascade.Small) is not null)
            {
                throw new ArgumentException($"'{intent}' starts with a large model: a cascade starts small (ngram or encoder) and escalates.");
            }

            if (LargeModelRung.Find(registry, cascade.Large) is { } escalation)
            {
                return (cascade.Small, escalation, cascade.Threshold ?? CascadeIntentClassifier.DefaultThreshold);
            }
        }

        return (intent, null, null);
    }
}
