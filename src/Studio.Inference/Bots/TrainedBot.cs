using System.Diagnostics;
using Studio.Core.Entities;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Sentiment;

namespace Studio.Inference.Bots;

/// <summary>
/// A bot's trained small models (both rungs, sentiment, entity extraction) for one revision of its draft.
/// Immutable and thread-safe: the studio swaps in a new one when training finishes.
/// </summary>
public sealed class TrainedBot(string botId, int revision, string rung, NgramIntentClassifier ngram, EncoderIntentClassifier encoder,
    SentimentClassifier sentiment, EntityExtractor entities, OnnxSentenceEncoder embedder, TrainingSummary summary, Knowledge.KnowledgeIndex? knowledge = null)
{
    /// <summary>Longest message analysed; the tokenizer cuts at 256 tokens anyway, this bounds the work before that.</summary>
    public const int MaxMessageLength = 20_000;

    public string BotId { get; } = botId;

    public int Revision { get; } = revision;

    /// <summary>The rung that answers: the bot's <c>models.intent</c>, else the encoder.</summary>
    public string Rung { get; } = rung;

    public TrainingSummary Summary { get; } = summary;

    public DateTime TrainedUtc { get; } = DateTime.UtcNow;

    public IIntentClassifier Classifier(string rungId) => rungId == NgramIntentClassifier.RungId ? ngram : encoder;

    /// <summary>The bot's documents, split and embedded; null when it has none.</summary>
    public Knowledge.KnowledgeIndex? Knowledge { get; } = knowledge;

    /// <summary>A sentence vector from the encoder the bot was trained with.</summary>
    public float[] Embed(string text)
    {
        UnderstandingMetrics.Encoded.Add(1, new KeyValuePair<string, object?>("bot", BotId));
        return embedder.Embed(text);
    }

    internal NgramIntentClassifier NgramRung => ngram;

    internal EncoderIntentClassifier EncoderRung => encoder;

    internal SentimentClassifier SentimentHead => sentiment;

    public TurnAnalysis Analyze(string text, DateOnly today) => Analyze(text, today, Rung);

    /// <summary>The analysis as another small setup (<c>ngram</c>, <c>encoder</c> or a cascade of the two) would answer it, for side-by-side runs.</summary>
    public TurnAnalysis Analyze(string text, DateOnly today, string rung)
    {
        if (text.Length > MaxMessageLength)
        {
            text = text[..MaxMessageLength];
        }

        var timings = new List<StepTiming>();
        var vector = Timed(timings, "encode (MiniLM)", () => Embed(text));
        var byEncoder = Timed(timings, "intent: encoder head", () => encoder.Predict(text, vector));
        var byNgram = Timed(timings, "intent: n-gram", () => ngram.Classify(text));
        var feeling = Timed(timings, "sentiment head", () => sentiment.Classify(text, vector));
        var found = Timed(timings, "entities", () => entities.Extract(text, today));
        var byRung = new Dictionary<string, IntentPrediction> { [EncoderIntentClassifier.RungId] = byEncoder, [NgramIntentClassifier.RungId] = byNgram };
        return new TurnAnalysis(text, rung, Answer(byRung, rung), byRung, found, feeling, timings, vector);
    }

    /// <summary>
    /// A cheap understanding, for turns replayed only to restore a conversation's state: the n-gram rung's intent
    /// and the entities, without the encoder (so no encoder intent and neutral sentiment).
    /// </summary>
    public Studio.Core.Conversations.TurnUnderstanding Skim(string text, DateOnly today)
    {
        if (text.Length > MaxMessageLength)
        {
            text = text[..MaxMessageLength];
        }

        var intent = ngram.Classify(text);
        return new(intent.Intent, intent.Confidence, intent.OutOfScope, entities.Extract(text, today), "neutral", 0f);
    }

    /// <summary>What the conversation engine needs of a message: the answering rung's intent, entities and sentiment.</summary>
    public Studio.Core.Conversations.TurnUnderstanding Understand(string text, DateOnly today) => Analyze(text, today).ToUnderstanding();

    // A cascade answers with its small rung when that is confident, else with its large one.
    private static IntentPrediction Answer(Dictionary<string, IntentPrediction> byRung, string rung)
    {
        if (CascadeIntentClassifier.Parse(rung) is not { } cascade)
        {
            return byRung.TryGetValue(rung, out var answer) ? answer : throw new ArgumentException($"'{rung}' is not a small setup: use ngram, encoder or a cascade of the two.");
        }

        if (!byRung.TryGetValue(cascade.Small, out var small) || !byRung.TryGetValue(cascade.Large, out var large))
        {
            throw new ArgumentException($"'{rung}' is not a small cascade: both of its rungs must be ngram or encoder.");
        }

        return !small.OutOfScope && small.Confidence >= (cascade.Threshold ?? CascadeIntentClassifier.DefaultThreshold)
            ? small with { AnsweredBy = cascade.Small }
            : large with { AnsweredBy = cascade.Large };
    }

    private static T Timed<T>(List<StepTiming> timings, string step, Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        var result = work();
        timings.Add(new StepTiming(step, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
        return result;
    }
}
