namespace Studio.Core.Conversations;

/// <summary>What answers a served bot's messages: its models understand the message, then its flows decide what to say.</summary>
public interface IConversationPipeline
{
    Task<ConversationTurn> TurnAsync(ConversationState state, string text, CancellationToken cancellationToken = default);
}

/// <summary>One message as understood and answered.</summary>
public sealed record ConversationTurn(TurnUnderstanding Understanding, TurnResult Result);
