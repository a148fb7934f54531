using Studio.Application.Runtime;
using Studio.Data.Publishing;
using Studio.Data.Teaching;

namespace Studio.Application.Privacy;

/// <summary>What forgetting a conversation erased.</summary>
/// <param name="Turns">Stored turns deleted.</param>
/// <param name="TeachingMessages">Messages copied from it into teacher-labelling runs, deleted.</param>
public sealed record ForgottenConversation(string ConversationId, int Turns, int TeachingMessages);

/// <summary>
/// "Forget this conversation": erases a served conversation everywhere Studio kept it: its stored turns (and so every
/// figure and review item read from them), the teaching messages copied from them, and its live state. Examples a
/// designer already added from it are part of the bot's design and its versions, and stay.
/// </summary>
public sealed class ConversationForgetting(TranscriptStore transcripts, TeachingStore teaching, VersionStore versions, RuntimeConversations conversations,
    TranscriptWriter writer, ApiKeyStore keys)
{
    /// <exception cref="Studio.Data.Access.PermissionDeniedException">The actor may not publish.</exception>
    public async Task<ForgottenConversation> ForgetAsync(string botId, string conversationId, CancellationToken cancellationToken = default)
    {
        // Turns served a moment ago may still be queued; stored after the erasure, they would outlive it.
        await writer.FlushAsync(cancellationToken);
        var turns = await transcripts.ForgetAsync(botId, conversationId, cancellationToken);
        if (await versions.LineageAsync(botId, cancellationToken) is { } lineage)
        {
            // Every key's state under that id, not only the keys of stored turns: a bot that keeps no turns still has live state.
            var keyIds = turns.Select(t => t.KeyId).Concat((await keys.ListAsync(cancellationToken)).Select(k => k.Id)).Append(0).Distinct();
            foreach (var keyId in keyIds)
            {
                await conversations.ForgetStateAsync(botId, lineage, keyId, conversationId, cancellationToken);
            }
        }

        var taught = turns.Count == 0 ? 0 : await teaching.ForgetTextsAsync(botId, [.. turns.Select(t => t.UserText)], cancellationToken);
        return new ForgottenConversation(conversationId, turns.Count, taught);
    }
}
