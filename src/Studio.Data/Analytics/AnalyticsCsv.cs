using System.Globalization;
using System.Text;

namespace Studio.Data.Analytics;

/// <summary>An analytics report as CSV for a spreadsheet: the series (one row per hour or day, then the totals), the intents, or the arms.</summary>
public static class AnalyticsCsv
{
    private const string FiguresHeader = "messages,conversations,contained,containment,fallback_rate,handoff_rate,out_of_scope_rate,escalated_share,positive,negative,p50_ms,p95_ms,mean_ms,cost";

    public static string Series(AnalyticsReport report)
    {
        var csv = new StringBuilder().Append("start_utc,").AppendLine(FiguresHeader);
        foreach (var point in report.Series)
        {
            csv.Append(point.StartUtc.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)).Append(',').AppendLine(Figures(point.Figures));
        }

        return csv.Append("total,").AppendLine(Figures(report.Totals)).ToString();
    }

    public static string Intents(AnalyticsReport report)
    {
        var csv = new StringBuilder().AppendLine("intent,messages,share");
        var total = report.Intents.Sum(i => i.Count);
        foreach (var intent in report.Intents)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{Field(intent.Intent.Length == 0 ? "(out of scope)" : intent.Intent)},{intent.Count},{Number((double)intent.Count / total)}");
        }

        return csv.ToString();
    }

    public static string Arms(AnalyticsReport report)
    {
        var csv = new StringBuilder().Append("version,alias,").AppendLine(FiguresHeader);
        foreach (var arm in report.Arms)
        {
            csv.Append(arm.Version.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Field(arm.Alias)).Append(',').AppendLine(Figures(arm.Figures));
        }

        return csv.ToString();
    }

    private static string Figures(TrafficFigures f) => string.Join(',',
        f.Messages.ToString(CultureInfo.InvariantCulture), f.Conversations.ToString(CultureInfo.InvariantCulture), f.Contained.ToString(CultureInfo.InvariantCulture),
        Number(f.Containment), Number(f.FallbackRate), Number(f.HandoffRate), Number(f.OutOfScopeRate), Number(f.EscalatedShare),
        f.Positive.ToString(CultureInfo.InvariantCulture), f.Negative.ToString(CultureInfo.InvariantCulture), Number(f.P50Ms), Number(f.P95Ms), Number(f.MeanMs), Number(f.Cost));

    private static string Number(double? value) => value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "";

    // Intents and aliases are names (letters, digits, _ . -), so only a name starting like a formula needs guarding.
    private static string Field(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;
}
