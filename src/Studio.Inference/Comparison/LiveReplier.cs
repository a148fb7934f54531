using System.Diagnostics;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Inference.Bots;
using Studio.Inference.Encoding;
using Studio.Inference.Llm;
using Studio.Inference.Models;

namespace Studio.Inference.Comparison;

/// <summary>
/// Answers one message in one column of a live side-by-side run. A small setup (ngram, encoder, a cascade of
/// the two) understands the message and the bot's flows answer with their written replies. A large-model
/// profile classifies the intent itself, the flows decide what to say, and the model says it in its own
/// words, streamed as it is generated — so a designer sees what the larger model adds, and what it costs.
/// </summary>
public sealed class LiveReplier(ModelRegistry registry, ITextEmbedder embedder)
{
    /// <summary>Few-shot examples shown to a large model when it classifies.</summary>
    public const int Shots = 4;

    public async Task AnswerAsync(LiveColumn column, BotDefinition bot, TrainedBot trained, string message, DateOnly today, Action changed,
        CancellationToken cancellationToken = default)
    {
        var turn = new LiveTurn(message);
        column.Turns.Add(turn);
        changed();
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (registry.Find(column.Setup) is { IsGenerative: true } profile)
            {
                await AnswerWithModelAsync(column, turn, profile, bot, trained, message, today, changed, cancellationToken);
            }
            else
            {
                var analysis = await Task.Run(() => trained.Analyze(message, today, column.Setup), cancellationToken);
                var result = new ConversationEngine(bot).Handle(column.State, message, analysis.ToUnderstanding());
                turn.Intent = analysis.Intent.Intent;
                turn.Confidence = analysis.Intent.Confidence;
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

    private async Task AnswerWithModelAsync(LiveColumn column, LiveTurn turn, ModelProfile profile, BotDefinition bot, TrainedBot trained, string message, DateOnly today,
        Action changed, CancellationToken cancellationToken)
    {
        var tasks = new LlmTasks(registry.ChatClient(profile.Id), profile, embedder);
        var intent = await tasks.ClassifyIntentAsync(message, bot, Shots, cancellationToken);
        // Entities and sentiment come from the small models: the column compares what the large model decides and says.
        var understanding = (await Task.Run(() => trained.Analyze(message, today), cancellationToken)).ToUnderstanding() with
        {
            Intent = intent.Value, Confidence = 1f, OutOfScope = false,
        };
        var result = new ConversationEngine(bot).Handle(column.State, message, understanding);
        turn.Intent = intent.Value;
        turn.Confidence = 1f;
        var intended = string.Join(" ", result.Replies);
        var reply = await tasks.StreamRephrasedReplyAsync(bot.Name, intended, message, piece =>
        {
            turn.Append(piece);
            changed();
        }, cancellationToken: cancellationToken);
        turn.TokensIn = intent.InputTokens + reply.InputTokens;
        turn.TokensOut = intent.OutputTokens + reply.OutputTokens;
    }
}
