using System.Text;
using Microsoft.Extensions.AI;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Inference.Bots;
using Studio.Inference.Models;

namespace Studio.Inference.Knowledge;

/// <summary>
/// Answers from a bot's documents for the conversation engine. Extractive (the default): the best passage,
/// quoted as it is written, with its source. Generative: the bot's generation model answers from the best
/// passages only and cites them; when that model is unavailable or fails, the extractive answer is given.
/// Nothing is answered when the best passage is below the threshold.
/// </summary>
public static class KnowledgeResponder
{
    public const string Generative = "generative";

    /// <summary>Passages shown to a large model.</summary>
    public const int Passages = 3;

    public static KnowledgeAnswerer? For(TrainedBot trained, BotDefinition bot, ModelRegistry? registry = null)
    {
        if (trained.Knowledge is not { Chunks.Count: > 0 } index)
        {
            return null;
        }

        return async (question, vector, mode, earlierTurns, cancellationToken) =>
        {
            var hits = index.Search(question, vector ?? trained.Embed(question), Passages, earlierTurns: earlierTurns);
            if (!index.Answers(hits))
            {
                return null;
            }

            var text = mode == Generative && registry is not null && await GenerateAnswerAsync(bot, registry, question, hits, cancellationToken) is { } generated
                ? generated
                : Extractive(bot, hits[0]);
            return new KnowledgeAnswer(text, hits[0].Chunk.Source, hits.Max(h => h.Dense));
        };
    }

    /// <summary>The passage as written, and where it comes from.</summary>
    public static string Extractive(BotDefinition bot, KnowledgeHit hit) => $"{hit.Chunk.Markdown}\n\n*Source: {Cite(bot, hit.Chunk)}*";

    /// <summary>
    /// A passage's citation, linked to where an end user can read the document (its <c>url</c>, or its name when that is
    /// a web address), else unlinked: answers reach runtime callers, who cannot open the studio's own pages.
    /// </summary>
    public static string Cite(BotDefinition bot, KnowledgeChunk chunk)
    {
        var url = bot.Knowledge?.Sources.FirstOrDefault(s => s.Name == chunk.Source)?.Url ?? chunk.Source;
        var citation = Escape(chunk.Citation);
        return Uri.TryCreate(url, UriKind.Absolute, out var web) && web.Scheme is "http" or "https" ? $"[{citation}](<{web.AbsoluteUri}>)" : citation;
    }

    // A document's name and headings are shown as written, not read as Markdown (a name like "a](b" would start a link).
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '[' or ']' or '(' or ')' or '*' or '_' or '`' or '<' or '>' or '!' or '#' or '|' or '~')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static async Task<string?> GenerateAnswerAsync(BotDefinition bot, ModelRegistry registry, string question, IReadOnlyList<KnowledgeHit> hits, CancellationToken cancellationToken)
    {
        if (bot.Models?.Generation is not { } modelId || registry.Find(modelId) is not { IsGenerative: true } profile || !registry.Status(profile).Available)
        {
            return null;
        }

        try
        {
            var answer = await GenerateAsync(registry, modelId, question, hits, cancellationToken);
            if (answer.Text.Length == 0)
            {
                return null;
            }

            var sources = string.Join("\n", hits.Select((h, i) => $"[{i + 1}] {Cite(bot, h.Chunk)}"));
            return $"{answer.Text}\n\n*Sources:*\n{sources}";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return null; // whatever went wrong with the model (busy, down, timed out, refused), the extractive answer stands in
        }
    }

    /// <summary>A large model's answer from the numbered passages only, citing them as [1], [2]; with its tokens and cost.</summary>
    public static async Task<GeneratedAnswer> GenerateAsync(ModelRegistry registry, string modelId, string question, IReadOnlyList<KnowledgeHit> hits, CancellationToken cancellationToken = default)
    {
        var profile = registry.Find(modelId) ?? throw new ModelUnavailableException($"There is no model '{modelId}'.", unknown: true);
        var prompt = new StringBuilder("Answer the customer's question using only the numbered passages. Cite the passages you use as [1], [2]. ")
            .Append("If the passages do not answer it, say you do not know.\n\n");
        for (var i = 0; i < hits.Count; i++)
        {
            prompt.Append('[').Append(i + 1).Append("] (").Append(hits[i].Chunk.Citation).Append(") ").Append(hits[i].Chunk.Text).Append("\n\n");
        }

        prompt.Append("Question: ").Append(question).Append("\nAnswer:");
        var response = await registry.ChatClient(modelId).GetResponseAsync(prompt.ToString(), new ChatOptions { MaxOutputTokens = 160, Temperature = 0.2f }, cancellationToken);
        var (input, output) = (response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
        return new GeneratedAnswer(response.Text.Trim(), input, output,
            ((input * profile.PricePerMillionInputTokens) + (output * profile.PricePerMillionOutputTokens)) / 1_000_000m);
    }
}
