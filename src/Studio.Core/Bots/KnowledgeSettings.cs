namespace Studio.Core.Bots;

/// <summary>The documents a bot answers questions from, and how sure retrieval must be before it answers.</summary>
public sealed class KnowledgeSettings
{
    /// <summary>
    /// The least cosine similarity between the question and the best passage for the bot to answer from it;
    /// below it the bot says it does not know. Null: the default.
    /// </summary>
    public float? Threshold { get; set; }

    /// <summary>
    /// Whether a confident passage answers a message whose intent has no flow, instead of the intent's own response
    /// (a document that answers "what is the daily ATM limit?" beats a one-line reply). Null, as in a bot written before
    /// the setting existed: false, so a published version answers as it always did; documents added in the studio set it.
    /// </summary>
    public bool? AnswersIntentsWithoutFlow { get; set; }

    /// <summary>The knowledge section a bot gets with its first document: the documents answer before a flowless intent's response.</summary>
    public static KnowledgeSettings ForNewDocuments() => new() { AnswersIntentsWithoutFlow = true };

    public List<KnowledgeSource> Sources { get; set; } = [];
}

/// <summary>One document: Markdown (or plain text, by a <c>.txt</c> name) and the name answers cite.</summary>
public sealed class KnowledgeSource
{
    public string Name { get; set; } = "";

    public string Content { get; set; } = "";

    /// <summary>Where end users can read the document (http or https); answers from it link here, and without it they cite it unlinked.</summary>
    public string? Url { get; set; }
}
