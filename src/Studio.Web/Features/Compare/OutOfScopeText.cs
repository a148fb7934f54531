using System.Globalization;

namespace Studio.Web.Features.Compare;

/// <summary>The comparison table's out-of-scope cell: precision / recall, or "n/a" where a figure does not apply.</summary>
public static class OutOfScopeText
{
    /// <param name="precision">Null when the set has no out-of-scope messages, or the setup rejected none.</param>
    /// <param name="recall">Null when the set has no out-of-scope messages: then neither figure applies.</param>
    public static string Of(double? precision, double? recall) => recall is not { } caught
        ? "n/a"
        : $"{(precision is { } p ? Percent(p) : "n/a")} / {Percent(caught)}";

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %";
}
