using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Setups;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Comparison;
using Studio.Inference.Serving;

namespace Studio.Tests.Support;

/// <summary>
/// Synchronous forms of the asynchronous contracts, for tests that check a result rather than the waiting: the product
/// itself never blocks on a task.
/// </summary>
public static class SynchronousForTests
{
    private static readonly Studio.Inference.Models.ModelRegistry NoModels = new(new Dictionary<string, Studio.Inference.Models.ModelProfileOptions>(), _ => new HttpClient(),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<Studio.Inference.Models.ModelRegistry>.Instance);

    public static TurnResult Handle(this ConversationEngine engine, ConversationState state, string text, TurnUnderstanding understanding) =>
        engine.HandleAsync(state, text, understanding).GetAwaiter().GetResult();

    public static IntentPrediction Classify(this IIntentClassifier classifier, string text) =>
        classifier.ClassifyAsync(text).AsTask().GetAwaiter().GetResult();

    public static IReadOnlyList<IntentPrediction> ClassifyBatch(this IIntentClassifier classifier, IReadOnlyList<string> texts) =>
        classifier.ClassifyBatchAsync(texts).GetAwaiter().GetResult();

    /// <summary>The understanding the bot's own setup gives, through the served pipeline (small rungs only: no models are registered).</summary>
    public static TurnUnderstanding Understand(this TrainedBot trained, string text, DateOnly today) =>
        Pipeline(trained, new BotDefinition { Id = trained.BotId, Name = trained.BotId }).UnderstandAsync(text).GetAwaiter().GetResult().ToUnderstanding();

    // The studio's own action caller, so that a template's actions reach the demo bank as they do when served.
    private static readonly Lazy<Microsoft.Extensions.Hosting.IHost> ActionHost = new(() =>
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        Studio.Application.ApplicationServices.AddStudioActions(builder);
        return builder.Build();
    });

    public static ActionCaller Actions => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
        .GetRequiredService<Studio.Application.Actions.WebhookActions>(ActionHost.Value.Services).Caller;

    public static BotPipeline Pipeline(TrainedBot trained, BotDefinition bot, BotSetup? setup = null) =>
        new BotPipelineFactory(NoModels, new EmbedderOf(trained), TimeProvider.System, Actions).Create(bot, trained, setup ?? BotSetup.Of(bot.Models));

    public static ComparisonOutcome Run(this ComparisonRunner runner, BotDefinition bot, IReadOnlyList<string> setups, ComparisonSuite suite, double tolerancePoints,
        Action<string, double>? progress = null, CancellationToken cancellationToken = default) =>
        runner.RunAsync(bot, [.. setups.Select(BotSetup.Parse)], suite, tolerancePoints, progress, cancellationToken).GetAwaiter().GetResult();

    public static ConversationTestReport Run(BotDefinition bot, Func<string, TurnUnderstanding> understand) =>
        ConversationTestRunner.RunAsync(bot, new Understood(new ConversationEngine(bot, actions: Actions), understand)).GetAwaiter().GetResult();

    private sealed class Understood(ConversationEngine engine, Func<string, TurnUnderstanding> understand) : IConversationPipeline
    {
        public async Task<ConversationTurn> TurnAsync(ConversationState state, string text, CancellationToken cancellationToken = default)
        {
            var understanding = understand(text);
            return new ConversationTurn(understanding, await engine.HandleAsync(state, text, understanding, cancellationToken));
        }
    }

    private sealed class EmbedderOf(TrainedBot trained) : Studio.Inference.Encoding.ITextEmbedder
    {
        public string ModelHash => "";

        public int Dimensions => trained.Embed("x").Length;

        public float[] Embed(string text) => trained.Embed(text);

        public float[][] Embed(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) => [.. texts.Select(trained.Embed)];
    }
}
