namespace Studio.Core.Bots;

/// <summary>
/// A bot as one document (bot-as-code): what the studio edits, the CLI reads and a publish freezes.
/// Property names map one-to-one to the camelCase keys of the YAML and JSON forms.
/// </summary>
public sealed class BotDefinition
{
    /// <summary>URL-safe identifier that addresses the bot in the studio, the CLI and the runtime API.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>BCP 47 language tag, e.g. <c>en</c>.</summary>
    public string Language { get; set; } = "en";

    public string? Description { get; set; }

    public List<Intent> Intents { get; set; } = [];

    public List<EntityDefinition> Entities { get; set; } = [];

    public List<ResponseTemplate> Responses { get; set; } = [];

    public FallbackPolicy? Fallback { get; set; }

    public SentimentPolicy? Sentiment { get; set; }

    /// <summary>The enterprise HTTP APIs the bot's action nodes call.</summary>
    public List<ActionDefinition> Actions { get; set; } = [];

    public List<Flow> Flows { get; set; } = [];

    public List<ConversationTest> Tests { get; set; } = [];

    /// <summary>Named prompts for large-model intent rungs, compared like any setup (<c>gpt(prompt=terse)</c>).</summary>
    public List<IntentPrompt> Prompts { get; set; } = [];

    public ModelAssignment? Models { get; set; }

    public KnowledgeSettings? Knowledge { get; set; }

    public PrivacySettings? Privacy { get; set; }
}
