using Studio.Core.Comparison;

namespace Studio.Web.Features.Compare;

/// <summary>One setup on the accuracy chart: where it sits across, its accuracy in percent, and its hover text.</summary>
public sealed record PlottedSetup(string Setup, double X, double AccuracyPercent, string Hover);

/// <summary>
/// What the comparison's main chart plots accuracy against. Cost per 1,000 conversations separates setups that cost
/// something; when every setup is free (only local rungs) cost would stack them all at one x, so the chart plots the
/// median latency instead and says why. The frontier is the setups nothing beats on both axes.
/// </summary>
public sealed record AccuracyPlot(bool AgainstLatency, string Title, string AxisTitle, string? Why, IReadOnlyList<PlottedSetup> Points, IReadOnlyList<PlottedSetup> Frontier)
{
    // Cost per 1,000 conversations below this is drawn at this value, so free setups appear on a log axis next to paid ones.
    private const double CostFloor = 0.0001;

    public static AccuracyPlot Of(IReadOnlyList<SetupResult> results)
    {
        var againstLatency = results.All(r => r.CostPer1000 == 0);
        var points = results.Select(r => new PlottedSetup(r.Setup, againstLatency ? Math.Max(r.P50Ms, 0.001) : Math.Max((double)r.CostPer1000, CostFloor), r.Accuracy * 100,
            $"{r.Setup}<br>accuracy {r.Accuracy * 100:0.0} %<br>p50 {r.P50Ms:0.00} ms<br>{r.CostPer1000:0.####} per 1,000 conversations")).ToList();
        var frontier = points.Where(p => !points.Any(o => o.X <= p.X && o.AccuracyPercent >= p.AccuracyPercent && (o.X < p.X || o.AccuracyPercent > p.AccuracyPercent)))
            .OrderBy(p => p.X).ToList();
        return againstLatency
            ? new AccuracyPlot(true, "Accuracy against latency", "p50 ms per message (log)",
                "Every setup here is free to run, so accuracy is plotted against latency: the further left and higher, the better.", points, frontier)
            : new AccuracyPlot(false, "Accuracy against cost per 1,000 conversations", "$ per 1,000 conversations (log; free at the floor)", null, points, frontier);
    }
}
