namespace Studio.Data.Publishing;

/// <summary>
/// An immutable published version of a bot: the document, the trained heads, the models it was trained and
/// checked with, one content hash over all of it, and who published it, when, why and past which gate.
/// </summary>
public sealed class BotVersion
{
    public long Id { get; set; }

    public string BotId { get; set; } = "";

    /// <summary>1, 2, 3… per bot.</summary>
    public int Number { get; set; }

    /// <summary>The draft revision it was made from.</summary>
    public int BotRevision { get; set; }

    /// <summary>The bot document as JSON.</summary>
    public string Document { get; set; } = "";

    /// <summary>The trained heads (gzip binary).</summary>
    public byte[] Heads { get; set; } = [];

    /// <summary>JSON list of the model files used: id, name, path, size and SHA-256.</summary>
    public string ModelFiles { get; set; } = "";

    /// <summary>SHA-256 over the document, the heads and every model file's hash.</summary>
    public string ContentHash { get; set; } = "";

    public string Notes { get; set; } = "";

    /// <summary>JSON of the gate: training, conversation tests, and the override reason when one was given.</summary>
    public string Gate { get; set; } = "";

    public string PublishedBy { get; set; } = "";

    public DateTime PublishedUtc { get; set; }

    /// <summary>
    /// Not stored: true when a publish found this version already holds the same content hash, so it was
    /// reused (and the alias pointed at it) instead of a second, identical version being made.
    /// </summary>
    public bool Republished { get; set; }
}
