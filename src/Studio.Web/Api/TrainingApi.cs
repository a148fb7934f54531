using Microsoft.AspNetCore.Http.HttpResults;
using Studio.Data.Drafts;
using Studio.Inference.Bots;
using Studio.Inference.Llm;
using Studio.Application.Training;

namespace Studio.Web.Api;

/// <summary>Training a draft and analysing messages with it: what the studio's Test page does, open to scripts.</summary>
public static class TrainingApi
{
    public const int MaxMessageLength = 2000;

    public sealed record AnalyzeRequest(string Text);

    public sealed record AnalyzeWithModelRequest(string Text, string Model);

    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var bots = app.MapGroup("/api/studio/bots/{botId}").WithTags("Training");
        bots.MapPost("/train", TrainAsync).WithName("TrainBot").WithSummary("Trains the draft's intent rungs, sentiment head and entities; returns what was done.");
        bots.MapPost("/analyze", AnalyzeAsync).WithName("AnalyzeMessage")
            .WithSummary($"Intent ranking (both rungs), entities, sentiment and step timings for one message of up to {MaxMessageLength} characters; trains first when needed.");
        bots.MapPost("/analyze-llm", AnalyzeWithModelAsync).WithName("AnalyzeMessageWithLlm")
            .WithSummary("Intent, sentiment and entities of one message from a large rung (a GGUF or hosted profile), with latency, tokens and cost.");
        return app;
    }

    private static async Task<Results<Ok<LlmAnalysis>, ValidationProblem>> AnalyzeWithModelAsync(string botId, AnalyzeWithModelRequest request, BotDraftStore store,
        LlmAnalyzer analyzer, CancellationToken cancellationToken)
    {
        var text = request.Text.Trim();
        if (text.Length == 0 || text.Length > MaxMessageLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["$.text"] = [text.Length == 0 ? "The message is empty." : $"The message is {text.Length:N0} characters; the limit is {MaxMessageLength:N0}."],
            });
        }

        var stored = await store.GetAsync(botId, cancellationToken);
        return TypedResults.Ok(await analyzer.AnalyzeAsync(stored.Bot, request.Model, text, cancellationToken));
    }

    private static async Task<Results<Ok<TrainingSummary>, ValidationProblem>> TrainAsync(string botId, BotDraftStore store, TrainingService training, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(botId, cancellationToken);
        var trained = await training.TrainAsync(stored.Bot, stored.Revision, cancellationToken);
        return TypedResults.Ok(trained.Summary);
    }

    private static async Task<Results<Ok<TurnAnalysis>, ValidationProblem>> AnalyzeAsync(string botId, AnalyzeRequest request, BotDraftStore store,
        TrainingService training, Studio.Inference.Serving.BotPipelineFactory pipelines, CancellationToken cancellationToken)
    {
        var text = request.Text.Trim();
        if (text.Length == 0 || text.Length > MaxMessageLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["$.text"] = [text.Length == 0 ? "The message is empty." : $"The message is {text.Length:N0} characters; the limit is {MaxMessageLength:N0}."],
            });
        }

        var stored = await store.GetAsync(botId, cancellationToken);
        var trained = await training.CurrentAsync(stored.Bot, stored.Revision, cancellationToken);
        return TypedResults.Ok(await pipelines.Create(stored.Bot, trained).UnderstandAsync(text, cancellationToken));
    }
}
