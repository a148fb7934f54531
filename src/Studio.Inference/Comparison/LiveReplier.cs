using System.Diagnostics;
using Studio.Core.Bots;
using Studio.Core.Setups;
using Studio.Inference.Bots;
using Studio.Inference.Models;
using Studio.Inference.Serving;

namespace Studio.Inference.Comparison;

/// <summary>
/// Answers one message in one column of a live side-by-side run with the served pipeline built for the column's setup:
/// exactly what the runtime would answer if the bot were published with that setup, with a large model's words streamed
/// as they are generated — so a designer sees what a larger model adds to each task, and what it costs.
/// </summary>
public sealed class LiveReplier(BotPipelineFactory pipelines)
{
    /// <summary>Whether any task of the setup runs on a large model (such columns answer after the small ones).</summary>
    public static bool UsesLargeModel(BotSetup setup) => setup.LargeModels.Count > 0;

    public async Task AnswerAsync(LiveColumn column, BotDefinition bot, TrainedBot trained, string message, Action changed, CancellationToken cancellationToken = default)
    {
        var turn = new LiveTurn(message);
        column.Turns.Add(turn);
        changed();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var pipeline = pipelines.Create(bot, trained, column.Setup);
            var streamed = false;
            var answered = await pipeline.AnswerAsync(column.State, message, piece =>
            {
                streamed = true;
                turn.Append(piece);
                changed();
            }, cancellationToken);
            var understanding = answered.Turn.Understanding;
            turn.Intent = understanding.OutOfScope ? null : understanding.Intent;
            turn.Confidence = understanding.Confidence;
            turn.Sentiment = understanding.Sentiment;
            turn.AddUsage(answered.Analysis.TokensIn, answered.Analysis.TokensOut);
            turn.Error = answered.Analysis.Note; // a model that failed is said in its column; the flow's reply still shows
            if (!streamed)
            {
                turn.Append(string.Join("\n", answered.Result.Replies));
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
}
