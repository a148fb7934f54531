using Studio.Core.Bots;

namespace Studio.Web.Features.Intents;

/// <summary>Case-insensitive matching of the filter box against intent names, descriptions and examples.</summary>
internal static class IntentFilter
{
    public static bool Matches(Intent intent, string filter) =>
        Contains(intent.Name, filter) || Contains(intent.Description, filter) || intent.Examples.Any(e => Contains(e, filter));

    public static bool Contains(string? text, string filter) =>
        string.IsNullOrWhiteSpace(filter) || (text?.Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase) ?? false);
}
