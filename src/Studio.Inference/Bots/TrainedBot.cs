using Studio.Core.Entities;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Sentiment;

namespace Studio.Inference.Bots;

/// <summary>
/// A bot's trained small models (both rungs, sentiment, entity extraction, knowledge passages) for one revision of its draft.
/// Immutable and thread-safe: the studio swaps in a new one when training finishes. What runs for a message is the
/// served pipeline's choice (<see cref="Serving.BotPipeline"/>), by the bot's setup.
/// </summary>
public sealed class TrainedBot(string botId, int revision, string rung, NgramIntentClassifier ngram, EncoderIntentClassifier encoder,
    SentimentClassifier sentiment, EntityExtractor entities, OnnxSentenceEncoder embedder, TrainingSummary summary, Knowledge.KnowledgeIndex? knowledge = null,
    NgramSentimentClassifier? ngramSentiment = null)
{
    /// <summary>Longest message analysed; the tokenizer cuts at 256 tokens anyway, this bounds the work before that.</summary>
    public const int MaxMessageLength = 20_000;

    public string BotId { get; } = botId;

    public int Revision { get; } = revision;

    /// <summary>The intent setup the bot was trained for, as written at training (the served setup is read from its document).</summary>
    public string Rung { get; } = rung;

    public TrainingSummary Summary { get; } = summary;

    public DateTime TrainedUtc { get; } = DateTime.UtcNow;

    /// <summary>The bot's documents, split and embedded; null when it has none.</summary>
    public Knowledge.KnowledgeIndex? Knowledge { get; } = knowledge;

    /// <summary>A sentence vector from the encoder the bot was trained with.</summary>
    public float[] Embed(string text)
    {
        UnderstandingMetrics.Encoded.Add(1, new KeyValuePair<string, object?>("bot", BotId));
        return embedder.Embed(text);
    }

    public NgramIntentClassifier NgramRung => ngram;

    public EncoderIntentClassifier EncoderRung => encoder;

    public SentimentClassifier SentimentHead => sentiment;

    /// <summary>The n-gram sentiment head tuned on the same examples; null in versions published before it existed.</summary>
    public NgramSentimentClassifier? NgramSentiment { get; } = ngramSentiment;

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

    /// <summary>Entities found in a message, from the extractors of the bot's document.</summary>
    public IReadOnlyList<ExtractedEntity> Extract(string text, DateOnly today) => entities.Extract(text, today);
}
