namespace Studio.Application.Runtime;

/// <summary>The <c>Runtime</c> section: limits of the runtime API and how long transcripts are kept.</summary>
public sealed class RuntimeOptions
{
    public const string SectionName = "Runtime";

    /// <summary>Largest request body the runtime API reads.</summary>
    public long MaxRequestBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Largest <c>/v1/chat/completions</c> body read, after the caller is known: a chat client sends the whole
    /// history each time, so this is larger than <see cref="MaxRequestBytes"/>.
    /// </summary>
    public long MaxCompletionBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most characters of user messages a <c>bot@alias</c> completion replays, newest first; older turns are left out.</summary>
    public int MaxReplayedCharacters { get; set; } = 8000;

    /// <summary>Most texts one <c>/v1/embeddings</c> request may embed.</summary>
    public int MaxEmbeddingInputs { get; set; } = 256;

    /// <summary>Longest text <c>/v1/embeddings</c> embeds, in characters (the encoder reads its first 256 tokens).</summary>
    public int MaxEmbeddingInputCharacters { get; set; } = 8000;

    /// <summary>Longest message text, in characters.</summary>
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>Days served conversations are kept; 0 keeps none.</summary>
    public int TranscriptRetentionDays { get; set; } = 30;

    /// <summary>Minutes of silence after which a conversation's state is forgotten.</summary>
    public int ConversationIdleMinutes { get; set; } = 30;

    /// <summary>Published versions kept loaded at once; the least recently served beyond this are let go (and loaded again when asked).</summary>
    public int MaxLoadedVersions { get; set; } = 32;

    /// <summary>Minutes a loaded version stays in memory without a request.</summary>
    public int LoadedVersionIdleMinutes { get; set; } = 30;

    /// <summary>Seconds a message waits while another message of the same conversation is handled (on any node) before it is refused with 503.</summary>
    public int ConversationLockWaitSeconds { get; set; } = 30;
}
