using Studio.Core.Conversations;
using Studio.Inference.Bots;

namespace Studio.Web.Features.Test;

/// <summary>One exchange in the chat console: what the user said, what the models understood, and what the engine did.</summary>
public sealed record ChatTurn(string User, TurnAnalysis Analysis, TurnResult Result);
