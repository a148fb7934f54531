namespace Studio.Data.Analytics;

/// <summary>Counts of served traffic over a range, and the rates people read from them (null when nothing was counted).</summary>
public sealed record TrafficFigures(long Conversations, long Contained, long Messages, long Fallbacks, long Handoffs, long OutOfScope, long Escalated, long Positive,
    long Negative, double? P50Ms, double? P95Ms, double? MeanMs, double Cost)
{
    public double? Containment => Share(Contained, Conversations);

    public double? FallbackRate => Share(Fallbacks, Messages);

    public double? HandoffRate => Share(Handoffs, Messages);

    public double? OutOfScopeRate => Share(OutOfScope, Messages);

    public double? EscalatedShare => Share(Escalated, Messages);

    public double? NegativeShare => Share(Negative, Messages);

    private static double? Share(long part, long whole) => whole == 0 ? null : (double)part / whole;
}

/// <summary>One hour or day of the series.</summary>
public sealed record TrafficPoint(DateTime StartUtc, TrafficFigures Figures);

public sealed record IntentCount(string Intent, long Count);

/// <summary>The traffic of one version through one alias: an arm, when an alias splits its traffic.</summary>
public sealed record TrafficArm(int Version, string Alias, TrafficFigures Figures);

/// <summary>One figure of two arms of a split, each with its 95 % interval, and the second minus the first.</summary>
/// <param name="Differs">The difference's interval leaves out 0: more than chance, at 95 %.</param>
public sealed record ArmMetric(string Name, Studio.Core.Analytics.Interval? First, Studio.Core.Analytics.Interval? Second, Studio.Core.Analytics.Interval? Difference, bool Differs);

/// <summary>Two versions served through one alias in the range, compared: what a traffic split is for.</summary>
public sealed record ArmComparison(string Alias, int FirstVersion, int SecondVersion, long FirstConversations, long SecondConversations, IReadOnlyList<ArmMetric> Metrics);

/// <param name="Bucket"><c>hour</c> for ranges up to two days, otherwise <c>day</c>.</param>
/// <param name="Intents">Most frequent first; an empty intent is out of scope.</param>
/// <param name="Versions">Every version and alias with traffic in the range, whatever the filter: what the filters offer.</param>
public sealed record AnalyticsReport(string BotId, DateTime FromUtc, DateTime ToUtc, int? Version, string? Alias, string Bucket, TrafficFigures Totals,
    IReadOnlyList<TrafficPoint> Series, IReadOnlyList<IntentCount> Intents, IReadOnlyList<TrafficArm> Arms, IReadOnlyList<int> Versions, IReadOnlyList<string> Aliases)
{
    /// <summary>For each alias that served two or more versions in the range, its two busiest compared.</summary>
    public IReadOnlyList<ArmComparison> Comparisons { get; init; } = [];
}
