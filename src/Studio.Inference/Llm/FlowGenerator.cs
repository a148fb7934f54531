using Microsoft.Extensions.AI;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Inference.Models;

namespace Studio.Inference.Llm;

/// <summary>What answers a flow's generate nodes: the bot's generation model (<c>models.generation</c>) when it names an available large rung.</summary>
public static class FlowGenerator
{
    public static FlowGeneration? For(BotDefinition bot, ModelRegistry registry)
    {
        if (bot.Models?.Generation is not { } modelId || registry.Find(modelId) is not { IsGenerative: true } profile || !registry.Status(profile).Available)
        {
            return null;
        }

        var client = registry.ChatClient(modelId);
        return async (prompt, _, cancellationToken) =>
            (await client.GetResponseAsync(prompt, new ChatOptions { MaxOutputTokens = 96, Temperature = 0.7f }, cancellationToken)).Text.Trim();
    }
}
