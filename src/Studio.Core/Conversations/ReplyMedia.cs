namespace Studio.Core.Conversations;

/// <summary>A link as a reply carries it, slots filled.</summary>
public sealed record ReplyLink(string Title, string Url);

/// <summary>An image as a reply carries it.</summary>
public sealed record ReplyImage(string Url, string Alt);

/// <summary>A card as a reply carries it, with its own buttons.</summary>
public sealed record ReplyCard(string Title, string? Text, string? ImageUrl, string? Url, IReadOnlyList<ReplyButton> Buttons);
