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
public sealed class TrainedBot
{
    private readonly Lazy<NgramIntentClassifier> _ngram;
    private readonly Lazy<EncoderIntentClassifier> _encoder;
    private readonly Lazy<Tuning.TunedIntentClassifier?> _tuned;
    private readonly Lazy<SentimentClassifier> _sentiment;
    private readonly Lazy<NgramSentimentClassifier?> _ngramSentiment;
    private readonly EntityExtractor _entities;
    private readonly OnnxSentenceEncoder _embedder;

    public TrainedBot(string botId, int revision, string rung, NgramIntentClassifier ngram, EncoderIntentClassifier encoder,
        SentimentClassifier sentiment, EntityExtractor entities, OnnxSentenceEncoder embedder, TrainingSummary summary, Knowledge.KnowledgeIndex? knowledge = null,
        NgramSentimentClassifier? ngramSentiment = null, Tuning.TunedIntentClassifier? tuned = null, Func<Tuning.TunedIntentClassifier>? tuneOnDemand = null)
        : this(botId, revision, rung, new(ngram), new(encoder), new(sentiment), new(ngramSentiment), entities, embedder, summary, knowledge,
            tuned is null && tuneOnDemand is not null ? new(() => tuneOnDemand()) : new(tuned))
    {
    }

    private TrainedBot(string botId, int revision, string rung, Lazy<NgramIntentClassifier> ngram, Lazy<EncoderIntentClassifier> encoder,
        Lazy<SentimentClassifier> sentiment, Lazy<NgramSentimentClassifier?> ngramSentiment, EntityExtractor entities, OnnxSentenceEncoder embedder,
        TrainingSummary summary, Knowledge.KnowledgeIndex? knowledge, Lazy<Tuning.TunedIntentClassifier?> tuned)
    {
        _tuned = tuned;
        BotId = botId;
        Revision = revision;
        Rung = rung;
        Summary = summary;
        Knowledge = knowledge;
        _ngram = ngram;
        _encoder = encoder;
        _sentiment = sentiment;
        _ngramSentiment = ngramSentiment;
        _entities = entities;
        _embedder = embedder;
    }

    /// <summary>
    /// A bot whose heads are trained when a step first needs them, for a comparison round: a setup that never touches
    /// the encoder then never trains (or embeds for) the encoder rung.
    /// </summary>
    internal static TrainedBot OnDemand(string botId, Func<NgramIntentClassifier> ngram, Func<EncoderIntentClassifier> encoder, Func<SentimentClassifier> sentiment,
        Func<NgramSentimentClassifier> ngramSentiment, EntityExtractor entities, OnnxSentenceEncoder embedder, Func<Tuning.TunedIntentClassifier>? tuned = null) =>
        new(botId, 0, "", new(ngram), new(encoder), new(sentiment), new(() => ngramSentiment()), entities, embedder,
            new TrainingSummary(0, 0, 0, 0, 0, [], 0), knowledge: null, new(() => tuned?.Invoke()));

    /// <summary>Longest message analysed; the tokenizer cuts at 256 tokens anyway, this bounds the work before that.</summary>
    public const int MaxMessageLength = 20_000;

    public string BotId { get; }

    public int Revision { get; }

    /// <summary>The intent setup the bot was trained for, as written at training (the served setup is read from its document).</summary>
    public string Rung { get; }

    public TrainingSummary Summary { get; }

    public DateTime TrainedUtc { get; } = DateTime.UtcNow;

    /// <summary>The bot's documents, split and embedded; null when it has none.</summary>
    public Knowledge.KnowledgeIndex? Knowledge { get; }

    /// <summary>A sentence vector from the encoder the bot was trained with.</summary>
    public float[] Embed(string text)
    {
        CountEncoded();
        return _embedder.Embed(text);
    }

    /// <summary>The encoder's vector, for a caller that counts the message itself (<see cref="CountEncoded"/>).</summary>
    internal float[] EmbedUncounted(string text) => _embedder.Embed(text);

    /// <summary>Counts one message as run through the sentence encoder, the encoder's own or the tuned rung's.</summary>
    internal void CountEncoded() => UnderstandingMetrics.Encoded.Add(1, new KeyValuePair<string, object?>("bot", BotId));

    public NgramIntentClassifier NgramRung => _ngram.Value;

    public EncoderIntentClassifier EncoderRung => _encoder.Value;

    /// <summary>
    /// The tuned rung: trained with the bot when its setup names it; for a draft whose setup does not, tuned when first
    /// asked for (a side-by-side column), which takes seconds; a published version has it only if it was trained with it.
    /// </summary>
    public Tuning.TunedIntentClassifier TunedRung => _tuned.Value
        ?? throw new Studio.Core.Setups.SetupException("This version has no tuned rung: its setup did not name 'tuned' when it was trained. Train (and publish) the bot again.");

    /// <summary>Whether the tuned rung is here already (asking does not tune it).</summary>
    public bool HasTunedRung => _tuned.IsValueCreated && _tuned.Value is not null;

    public SentimentClassifier SentimentHead => _sentiment.Value;

    /// <summary>The n-gram sentiment head tuned on the same examples; null in versions published before it existed.</summary>
    public NgramSentimentClassifier? NgramSentiment => _ngramSentiment.Value;

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

        var intent = NgramRung.Classify(text);
        return new(intent.Intent, intent.Confidence, intent.OutOfScope, _entities.Extract(text, today), "neutral", 0f);
    }

    /// <summary>Entities found in a message, from the extractors of the bot's document.</summary>
    public IReadOnlyList<ExtractedEntity> Extract(string text, DateOnly today) => _entities.Extract(text, today);
}
