namespace Studio.Application.ScaleOut;

/// <summary>What changed, so every node drops what it cached about it.</summary>
public enum ChangeKind
{
    /// <summary>A bot's aliases: one moved, was split or removed, or the bot was retired. The subject is the bot id.</summary>
    Bot,

    /// <summary>API keys: one or more were revoked. No subject: every node reads its keys again.</summary>
    Keys,
}

public sealed record ChangeNotice(ChangeKind Kind, string Subject);
