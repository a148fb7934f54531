using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Studio.Core.Conversations;
using Studio.Core.Privacy;

namespace Studio.Application.Runtime;

/// <summary>
/// Serves messages of runtime conversations: understands with the version's heads, answers with its flows,
/// keeps each conversation's state in the distributed cache (in memory by default, Redis when scaled out),
/// and hands the turn to the transcript writer. Messages of one conversation are handled one at a time, on one node at a time.
/// </summary>
public sealed class RuntimeConversations(IDistributedCache states, TranscriptWriter transcripts, Privacy.ProtectedState protectedStates, ScaleOut.ConversationLocks locks,
    IOptions<RuntimeOptions> options)
{

    /// <summary>Where a conversation's state is kept. The lineage makes the state of a retired or deleted bot unreachable (it then expires) for a bot published again under the same id.</summary>
    public static string StateKey(string botId, long lineage, long keyId, string conversationId) => $"studio:conversation:{botId}:{lineage}:{keyId}:{conversationId}";

    /// <summary>Erases a conversation's state now, rather than when it goes idle.</summary>
    public Task ForgetStateAsync(string botId, long lineage, long keyId, string conversationId, CancellationToken cancellationToken) =>
        states.RemoveAsync(StateKey(botId, lineage, keyId, conversationId), cancellationToken);

    public static async Task<ParseReply> ParseAsync(ServedVersion served, string text, CancellationToken cancellationToken) =>
        ParseReply.From(served, await served.Pipeline.UnderstandAsync(text, cancellationToken));

    /// <summary>
    /// Serves a message of a channel's conversation (the runtime API, the web chat, Rasa's channel): the alias's version
    /// for this conversation (a split alias keeps it on its arm), then <see cref="HandleAsync"/>.
    /// </summary>
    public async Task<MessageReply> ServeAsync(PublishedBots bots, string botId, string aliasOrVersion, string conversationId, string text, long keyId, string keyName,
        Action<string>? onText, CancellationToken cancellationToken)
    {
        var arm = $"{keyId}:{conversationId}";
        var served = await bots.GetAsync(botId, aliasOrVersion, arm, cancellationToken);
        var alias = Studio.Data.Publishing.VersionStore.IsVersionReference(aliasOrVersion, out _) ? "" : aliasOrVersion;
        return await HandleAsync(served, alias, conversationId, text, keyId, keyName, (before, ct) => bots.GetAsync(botId, aliasOrVersion, arm, before, ct), onText, cancellationToken);
    }

    /// <param name="keyId">The API key's id: two applications using the same conversation id never share a conversation.</param>
    /// <param name="alias">The alias the request named, for analytics; empty when it named a version.</param>
    /// <param name="servedBy">
    /// The version to serve a conversation that an earlier turn put on another version than <paramref name="served"/>
    /// (a split alias keeps a conversation on its arm; an alias moved meanwhile serves its new version).
    /// </param>
    /// <param name="onText">Each piece of a generated reply as the model writes it, for a client that shows it streaming.</param>
    public async Task<MessageReply> HandleAsync(ServedVersion served, string alias, string conversationId, string text, long keyId, string keyName,
        Func<int, CancellationToken, Task<ServedVersion>>? servedBy, Action<string>? onText, CancellationToken cancellationToken)
    {
        // Checked here too, the one service every channel's turns go through; the endpoints check first, to refuse before loading a version.
        if (ConversationIds.Problem(conversationId) is { } badId)
        {
            throw new ArgumentException(badId);
        }

        var started = Stopwatch.GetTimestamp();
        var key = StateKey(served.Bot.Id, served.Lineage, keyId, conversationId);
        await using (var held = await locks.EnterAsync(key, cancellationToken))
        {
            var state = protectedStates.Read(await states.GetAsync(key, cancellationToken));
            if (state.ServedBy is { } before && before != served.Number && servedBy is not null)
            {
                served = await servedBy(before, cancellationToken); // the same bot, so the same lineage and state key
            }

            state.ServedBy = served.Number;
            var (flowBefore, waitingBefore) = (state.Flow, state.WaitingAt);
            var (analysis, turn) = await served.Pipeline.AnswerAsync(state, text, onText, cancellationToken);
            var result = turn.Result;
            var sensitive = SensitiveTurn.Of(served.Bot, flowBefore, waitingBefore, result);
            if (!await held.StillHeldAsync())
            {
                // Another node may have taken the conversation meanwhile: its state is not overwritten with this turn's.
                throw new ConversationBusyException("This message took the conversation's lock too long (the shared state store was away, or the node stalled); its answer is not kept. Send it again.");
            }

            await states.SetAsync(key, protectedStates.Write(state, sensitive, text, served.Bot.Privacy?.SensitiveSlots ?? []),
                new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(options.Value.ConversationIdleMinutes) }, cancellationToken);
            var understanding = ParseReply.From(served, analysis);
            var totalMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            transcripts.Add(served, new ServedTurn(alias, conversationId, keyId, keyName, text, result.Replies, result.Fallback, result.Handoff, totalMs), understanding, sensitive);
            return new MessageReply(conversationId, served.Number, [.. result.Replies.Select(Text.SafeMarkdown.ToPlainText)], result.Replies, understanding, result.SlotsAfter, result.NodesPassed, state.Flow, result.Fallback,
                result.Handoff, result.HandoffSummary, totalMs, result.Actions, result.Buttons,
                result.Responses, result.Links, result.Images, result.Cards)
            {
                SensitiveSlot = sensitive.AnsweredSlot,
                Decision = result.Decision,
            };
        }
    }

    /// <summary>
    /// Replays an OpenAI-style history (user messages, oldest first) through a fresh conversation and returns
    /// the replies to the last one, with how it was understood: the client holds the conversation, as
    /// chat-completions clients do. Earlier turns only restore the state, and their replies are dropped, so they
    /// are understood cheaply (<see cref="TrainedBot.Skim"/>) and answered without knowledge or generation:
    /// one request costs about one turn of understanding however long the history.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Replies, ParseReply Last, SensitiveTurn Sensitive, TurnResult Result)> ReplayAsync(ServedVersion served, IReadOnlyList<string> userMessages, CancellationToken cancellationToken)
    {
        var state = new ConversationState();
        var pipeline = served.Pipeline;
        foreach (var message in userMessages.Take(userMessages.Count - 1))
        {
            await pipeline.Restoring.HandleAsync(state, message, pipeline.Skim(message), cancellationToken);
        }

        var (flowBefore, waitingBefore) = (state.Flow, state.WaitingAt);
        var (analysis, turn) = await pipeline.AnswerAsync(state, userMessages[^1], null, cancellationToken);
        var sensitive = SensitiveTurn.Of(served.Bot, flowBefore, waitingBefore, turn.Result);
        // A chat-completions client shows text only: images, cards, links and buttons become lines after the replies.
        var parts = turn.Result.PartsAsText();
        return (parts.Length == 0 ? turn.Result.Replies : [.. turn.Result.Replies, parts], ParseReply.From(served, analysis), sensitive, turn.Result);
    }
}
