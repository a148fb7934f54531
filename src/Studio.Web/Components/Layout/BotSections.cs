using MudBlazor;

namespace Studio.Web.Components.Layout;

/// <summary>The per-bot areas of the studio, in the order a designer works through them.</summary>
public static class BotSections
{
    public sealed record Section(string Slug, string Title, string Icon);

    public static IReadOnlyList<Section> All { get; } =
    [
        new("intents", "Intents", Icons.Material.Filled.Label),
        new("entities", "Entities", Icons.Material.Filled.DataObject),
        new("quality", "Quality", Icons.Material.Filled.Insights),
        new("responses", "Responses", Icons.Material.Filled.Forum),
        new("flows", "Flows", Icons.Material.Filled.AccountTree),
        new("actions", "Actions", Icons.Material.Filled.Webhook),
        new("knowledge", "Knowledge", Icons.Material.Filled.MenuBook),
        new("test", "Test", Icons.Material.Filled.Chat),
        new("compare", "Compare", Icons.Material.Filled.Leaderboard),
        new("privacy", "Privacy", Icons.Material.Filled.Shield),
        new("publish", "Publish", Icons.Material.Filled.RocketLaunch),
        new("analytics", "Analytics", Icons.Material.Filled.QueryStats),
        new("inbox", "Review inbox", Icons.Material.Filled.Inbox),
    ];

    public static string Href(string botId, Section section) => $"/bots/{Uri.EscapeDataString(botId)}/{section.Slug}";

    /// <summary>The bot a relative address like <c>bots/banking/intents</c> is about, if any.</summary>
    public static string? BotIdFrom(string relativePath)
    {
        var path = relativePath.Split('?', '#')[0];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == "bots" ? Uri.UnescapeDataString(parts[1]) : null;
    }
}
