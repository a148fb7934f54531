using Studio.Application.Runtime;
using Studio.Core.Conversations;

namespace Studio.Web.Runtime;

/// <summary>
/// What a web page gets back for a message sent with a publishable key: what to show, and nothing of how the bot got
/// there. The key is public, so slots, action calls, the flow's nodes, the understanding and a handoff summary (all
/// in <see cref="MessageReply"/> for a server holding a secret key) stay on the server.
/// </summary>
/// <param name="Sensitive">The message filled a sensitive slot: the page should not keep or show what was typed.</param>
public sealed record WebChatReply(string ConversationId, int Version, IReadOnlyList<string> Replies, IReadOnlyList<string> Markdown, IReadOnlyList<ReplyButton> Buttons,
    IReadOnlyList<ReplyLink> Links, IReadOnlyList<ReplyImage> Images, IReadOnlyList<ReplyCard> Cards, bool Fallback, bool Handoff, double TotalMs, bool Sensitive)
{
    public static WebChatReply From(MessageReply reply) => new(reply.ConversationId, reply.Version, reply.Replies, reply.Markdown, reply.Buttons, reply.Links, reply.Images,
        reply.Cards, reply.Fallback, reply.Handoff, reply.TotalMs, reply.SensitiveSlot is not null);
}
