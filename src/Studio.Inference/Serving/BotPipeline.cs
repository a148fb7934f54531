using System.Diagnostics;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Setups;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Llm;
using Studio.Inference.Models;
using Studio.Inference.Sentiment;

namespace Studio.Inference.Serving;

/// <summary>
/// A served bot: its document, its trained heads and one setup, answering messages. This is the one pipeline every
/// surface runs (the runtime, the <c>/v1</c> replay, the test console, live side by side, comparisons, the publish gate,
/// <c>studio test</c>), so what a designer compares is what is served. Only the steps the setup needs run: an n-gram
/// intent with n-gram sentiment never touches the encoder, and a cascade calls its large rung only when it escalates.
/// Built by <see cref="BotPipelineFactory"/>; immutable and safe to share between requests.
/// </summary>
public sealed class BotPipeline : IConversationPipeline
{
    private readonly Func<string, LlmTasks> _tasks;
    // Made on first use: a large model loads only when a message needs it (a cascade may never escalate).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Rung, Lazy<LlmIntentClassifier>> _largeRungs = new();
    private readonly TimeProvider _clock;

    internal BotPipeline(BotDefinition bot, TrainedBot trained, BotSetup setup, ModelRegistry registry, Func<string, LlmTasks> tasks, TimeProvider clock, ActionCaller? actions = null)
    {
        Bot = bot;
        Trained = trained;
        Setup = setup;
        _tasks = tasks;
        _clock = clock;
        Engine = new ConversationEngine(bot, FlowGenerator.For(bot, registry), Knowledge.KnowledgeResponder.For(trained, bot, registry), actions);
        Restoring = new ConversationEngine(bot);
    }

    public BotDefinition Bot { get; }

    public TrainedBot Trained { get; }

    public BotSetup Setup { get; }

    /// <summary>The engine with generation, knowledge and action calls, for the turn that is answered.</summary>
    public ConversationEngine Engine { get; }

    /// <summary>The engine without generation, knowledge or action calls, for turns replayed only to restore a conversation's state.</summary>
    public ConversationEngine Restoring { get; }

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetLocalNow().DateTime);

    /// <summary>What the setup's rungs understand of a message, with the time of every step that ran.</summary>
    public async Task<TurnAnalysis> UnderstandAsync(string text, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var began = Stopwatch.GetTimestamp();
        if (text.Length > TrainedBot.MaxMessageLength)
        {
            text = text[..TrainedBot.MaxMessageLength];
        }

        var turn = new Steps(Trained, text);
        var byRung = new Dictionary<string, IntentPrediction>();
        var intent = Setup.Intent;
        IntentPrediction first;
        try
        {
            first = await ClassifyAsync(intent.First, turn, cancellationToken);
        }
        catch (Exception ex) when (intent.First.IsLarge && ex is not ModelUnavailableException && IsUnavailable(ex, cancellationToken))
        {
            throw new ModelUnavailableException($"The bot's intent model {intent.First.Name} is unavailable: {ex.Message}");
        }

        byRung[intent.First.Name] = first;
        var answer = first with { AnsweredBy = intent.First.Name };
        string? note = null;
        if (intent.Cascade is { } cascade && cascade.Escalates(first.OutOfScope, first.Confidence))
        {
            try
            {
                var large = await ClassifyAsync(cascade.Large, turn, cancellationToken);
                byRung[cascade.Large.Name] = large;
                answer = large with { AnsweredBy = cascade.Large.Name };
            }
            catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
            {
                // The cascade still has an answer: its small rung's, said to be one.
                note = $"The large rung {cascade.Large.Name} is unavailable ({ex.Message}); the {cascade.Small.Name} rung answered.";
            }
        }

        var sentiment = await SentimentAsync(turn, cancellationToken);
        var entities = turn.Time("entities", () => Trained.Extract(text, Today));
        return new TurnAnalysis(text, intent.Name, answer, byRung, entities, sentiment, turn.Timings, turn.Vector)
        {
            AnsweredBy = answer.AnsweredBy!, Note = note, TokensIn = turn.TokensIn, TokensOut = turn.TokensOut, Cost = turn.Cost,
            TotalMilliseconds = Stopwatch.GetElapsedTime(began).TotalMilliseconds,
        };
    }

    /// <summary>One turn of a conversation: the understanding and the bot's answer, with the state updated.</summary>
    public async Task<ConversationTurn> TurnAsync(ConversationState state, string text, CancellationToken cancellationToken = default) =>
        (await AnswerAsync(state, text, null, cancellationToken)).Turn;

    /// <summary>
    /// One turn with its analysis. With <c>+generation:&lt;model&gt;</c> the model says the flow's reply in its own words,
    /// streamed to <paramref name="onText"/> as it is generated; when the model fails the flow's own words stand, with a note.
    /// </summary>
    public async Task<AnsweredTurn> AnswerAsync(ConversationState state, string text, Action<string>? onText, CancellationToken cancellationToken = default)
    {
        var analysis = await UnderstandAsync(text, cancellationToken);
        var understanding = analysis.ToUnderstanding();
        var result = await Engine.HandleAsync(state, text, understanding, cancellationToken);
        if (Setup.Generation is not { } generation || result.Replies.Count == 0)
        {
            return new AnsweredTurn(analysis, new ConversationTurn(understanding, result));
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var reply = await _tasks(generation).StreamRephrasedReplyAsync(Bot.Name, string.Join(" ", result.Replies), text, onText ?? (_ => { }), cancellationToken: cancellationToken);
            var generated = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var timings = analysis.Timings.Append(new StepTiming($"generation: {generation}", generated)).ToList();
            analysis = analysis with { Timings = timings, TotalMilliseconds = analysis.TotalMilliseconds + generated };
            analysis = analysis with { TokensIn = analysis.TokensIn + reply.InputTokens, TokensOut = analysis.TokensOut + reply.OutputTokens, Cost = analysis.Cost + reply.Cost };
            if (reply.Value.Trim() is { Length: > 0 } words)
            {
                result = result with { Replies = [words] };
            }
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            analysis = analysis with { Note = $"The generation model {generation} is unavailable ({ex.Message}); the flow's reply is given as written." };
        }

        return new AnsweredTurn(analysis, new ConversationTurn(understanding, result));
    }

    /// <summary>A cheap understanding for turns replayed only to restore state: the n-gram rung and the entities, no encoder, no large model.</summary>
    public TurnUnderstanding Skim(string text) => Trained.Skim(text, Today);

    private async ValueTask<IntentPrediction> ClassifyAsync(Rung rung, Steps turn, CancellationToken cancellationToken)
    {
        switch (rung.Kind)
        {
            case RungKind.Ngram:
                return turn.Time("intent: n-gram", () => Trained.NgramRung.Classify(turn.Text));
            case RungKind.Encoder:
                var vector = turn.Encode();
                return turn.Time("intent: encoder head", () => Trained.EncoderRung.Predict(turn.Text, vector));
            case RungKind.Tuned:
                var tuned = Trained.TunedRung;
                var tunedVector = tuned.Layer is { } layer ? turn.EncodeTuned(layer) : tuned.Adapter!.Apply(turn.Encode());
                return turn.Time("intent: tuned head", () => tuned.Inner.Predict(turn.Text, tunedVector));
            default:
                var started = Stopwatch.GetTimestamp();
                var (prediction, tokensIn, tokensOut, cost) = await LargeRung(rung).ClassifyWithUsageAsync(turn.Text, cancellationToken);
                turn.Add($"intent: {rung.Name}", started, tokensIn, tokensOut, cost);
                return prediction;
        }
    }

    private LlmIntentClassifier LargeRung(Rung rung) =>
        _largeRungs.GetOrAdd(rung, r => new Lazy<LlmIntentClassifier>(() => new LlmIntentClassifier(r.Name, _tasks(r.Profile!), Bot, r.Shots, LargeModelRung.PromptOf(Bot, r)))).Value;

    private async ValueTask<SentimentResult> SentimentAsync(Steps turn, CancellationToken cancellationToken)
    {
        var sentiment = Setup.ServedSentiment;
        switch (sentiment.Kind)
        {
            case SentimentKind.Head:
                var vector = turn.Encode();
                return turn.Time("sentiment head", () => Trained.SentimentHead.Classify(turn.Text, vector));
            case SentimentKind.Ngram:
                var head = Trained.NgramSentiment ?? throw new SetupException("This version has no n-gram sentiment head: it was published before there was one; publish the bot again.");
                return turn.Time("sentiment: n-gram", () => head.Classify(turn.Text));
            default:
                var started = Stopwatch.GetTimestamp();
                var feeling = await _tasks(sentiment.Profile!).SentimentAsync(turn.Text, cancellationToken);
                turn.Add($"sentiment: {sentiment.Profile}", started, feeling.InputTokens, feeling.OutputTokens, feeling.Cost);
                var score = feeling.Value switch { "negative" => -1f, "positive" => 1f, _ => 0f };
                return new SentimentResult(feeling.Value, score, score < 0 ? 1 : 0, score == 0 ? 1 : 0, score > 0 ? 1 : 0);
        }
    }

    // A model that is down, busy, slow or refuses is a fact of the moment, not a bug; a cancelled request is neither.
    // Only the failures of models and their transports count: a bug in Studio (any other exception) is not hidden as an outage.
    private static bool IsUnavailable(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && ex is ModelUnavailableException or ModelBusyException or HttpRequestException or TimeoutException
            or LLama.Exceptions.RuntimeError or System.ClientModel.ClientResultException or OperationCanceledException;

    /// <summary>The steps of one message: each timed, the encoder's vector made at most once and only when a step needs it.</summary>
    private sealed class Steps(TrainedBot trained, string text)
    {
        private readonly List<StepTiming> _timings = [];
        private bool _counted;

        public string Text { get; } = text;

        public float[]? Vector { get; private set; }

        public IReadOnlyList<StepTiming> Timings => _timings;

        public long TokensIn { get; private set; }

        public long TokensOut { get; private set; }

        public decimal Cost { get; private set; }

        public float[] Encode() => Vector ??= Time("encode (MiniLM)", () => Counted(trained.EmbedUncounted(Text)));

        /// <summary>The tuned rung's vector, from its own encoder; the message is counted once whichever encoders it runs through.</summary>
        public float[] EncodeTuned(Tuning.TunedEncoderLayer layer) => Time("encoder: tuned", () => Counted(layer.Encoder.Embed(Text)));

        public T Time<T>(string step, Func<T> work)
        {
            var started = Stopwatch.GetTimestamp();
            var result = work();
            _timings.Add(new StepTiming(step, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            return result;
        }

        public void Add(string step, long started, long tokensIn, long tokensOut, decimal cost)
        {
            _timings.Add(new StepTiming(step, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            TokensIn += tokensIn;
            TokensOut += tokensOut;
            Cost += cost;
        }

        private float[] Counted(float[] vector)
        {
            if (!_counted)
            {
                trained.CountEncoded();
                _counted = true;
            }

            return vector;
        }
    }
}

/// <summary>A turn with the full analysis behind it (timings, rungs, tokens), for surfaces that show them.</summary>
public sealed record AnsweredTurn(TurnAnalysis Analysis, ConversationTurn Turn)
{
    public TurnResult Result => Turn.Result;
}
