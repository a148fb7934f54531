using Studio.Core.Bots;

namespace Studio.Web.Api;

/// <summary>A draft as the API returns it: the bot and the revision a later save must send back.</summary>
/// <param name="Warnings">What the save let through but a designer should look at, such as a placeholder for a slot nothing fills.</param>
public sealed record BotDraftResponse(int Revision, DateTime UpdatedUtc, BotDefinition Bot, IReadOnlyList<string> Warnings);

/// <summary>A save: the full bot and the revision it was loaded at.</summary>
public sealed record SaveBotRequest(int Revision, BotDefinition Bot);

/// <summary>Create a bot, empty or from a starter template; id and name override the template's.</summary>
public sealed record CreateBotRequest(string Id, string? Name = null, string? TemplateId = null, string? Language = null);

/// <summary>Why a bot is retired; required, and recorded with who and when.</summary>
public sealed record RetireBotRequest(string? Reason);
