using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Plotly.Blazor;
using Studio.Core.Comparison;
using Studio.Core.Evaluation;
using Studio.Inference.Comparison;
using Studio.Web.Features.Compare;

namespace Studio.Tests.Components;

/// <summary>
/// A comparison of free local setups as a designer reads it: a chart that separates them, one box per recommendation,
/// every intent named on the confusion heatmap, and a paged messages table.
/// </summary>
public sealed class ComparisonResultsTests : BunitContext, IAsyncLifetime
{
    private static readonly string[] Intents = [.. Enumerable.Range(1, 25).Select(i => $"intent_{i:00}")];

    public ComparisonResultsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        ComponentFactories.AddStub<PlotlyChart>(); // the charts' figures are what is checked, not Plotly's drawing
        // The apply buttons ask the session whether the user may edit; nothing here loads or saves a bot.
        Services.AddSingleton(new Studio.Web.Features.Common.DraftSession(store: null!));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's table services dispose only asynchronously.
    public new async Task DisposeAsync() => await base.DisposeAsync();

    private static SetupResult Free(string setup, double accuracy, double ms) =>
        new(setup, accuracy, accuracy, null, null, ms, ms * 2, ms, 0, 0, 0m, setup.StartsWith("cascade", StringComparison.Ordinal) ? 0.2 : null);

    private static ComparisonOutcome Outcome(int cases = 366)
    {
        SetupResult[] results = [Free("ngram", 0.80, 0.05), Free("encoder", 0.93, 4), Free("cascade:ngram>encoder@0.55", 0.925, 0.9)];
        var confusion = new ConfusionCounts(Intents, [.. Intents.Select((_, e) => (IReadOnlyList<int>)[.. Intents.Select((_, p) => e == p ? 10 : 0)])]);
        var details = results.Select(r => new SetupBreakdown(r.Setup, [.. Intents.Select(i => new LabelMetrics(i, 1, 1, 1, 10))], confusion, [r.P50Ms], null)).ToList();
        var rows = Enumerable.Range(0, cases).Select(i => new CaseRow($"message {i}", Intents[i % 25], [Intents[i % 25], Intents[(i + 1) % 25], Intents[i % 25]])).ToList();
        var cascade = new CascadeThresholdChoice("cascade:ngram>encoder@0.55", new ThresholdPoint(0.55f, 0.925, 0.2, 0.9, 0m), "At threshold 0.55 the cascade reaches 92.5 %.");
        var other = new CascadeThresholdChoice("cascade:ngram>encoder@0.7", new ThresholdPoint(0.7f, 0.93, 0.4, 1.5, 0m), "At threshold 0.7 the cascade reaches 93.0 %.");
        return new ComparisonOutcome("conversation tests", results, [.. ParetoFrontier.Of(results).Select(r => r.Setup)], Recommendation.Choose(results, 1),
            [cascade, cascade, other, other], details, rows, 2);
    }

    [Fact]
    public void FreeSetups_ArePlottedAgainstLatency_OneNamedTracePerSetup_AndTheChartSaysWhy()
    {
        var plot = AccuracyPlot.Of(Outcome().Results);

        Assert.True(plot.AgainstLatency);
        Assert.Equal([0.05, 4, 0.9], plot.Points.Select(p => p.X));
        Assert.Equal(["ngram", "cascade:ngram>encoder@0.55", "encoder"], plot.Frontier.Select(p => p.Setup)); // each is faster or more accurate than the others

        var cut = Render<ComparisonResults>(p => p.Add(c => c.Outcome, Outcome()));
        Assert.Contains("free to run, so accuracy is plotted against latency", cut.Find("[data-testid=accuracy-axis-why]").TextContent);
        var chart = Chart(cut, "accuracy-cost");
        var traces = ((IList<Plotly.Blazor.ITrace>)chart.Parameters["Data"]!).Cast<Plotly.Blazor.Traces.Scatter>().ToList();
        Assert.Equal(["ngram", "encoder", "cascade:ngram>encoder@0.55", "frontier"], traces.Select(t => t.Name));
        Assert.All(traces, t => Assert.False(t.Mode?.HasFlag(Plotly.Blazor.Traces.ScatterLib.ModeFlag.Text) ?? false)); // no labels to overlap
        Assert.True(((Layout)chart.Parameters["Layout"]!).ShowLegend);
    }

    [Fact]
    public void ASetupThatCosts_KeepsTheCostAxis()
    {
        SetupResult[] results = [Free("ngram", 0.8, 0.05), Free("gpt", 0.95, 900) with { CostPer1000 = 4m }];

        var plot = AccuracyPlot.Of(results);

        Assert.False(plot.AgainstLatency);
        Assert.Null(plot.Why);
        Assert.Equal(4, plot.Points[1].X);
    }

    [Fact]
    public void TheRecommendation_AppearsOnce_AndEachOtherCascadeThresholdOnce()
    {
        var cut = Render<ComparisonResults>(p => p.Add(c => c.Outcome, Outcome()));

        var recommended = cut.Find("[aria-label=Recommendation]").TextContent;
        Assert.Contains("Recommended: cascade:ngram>encoder@0.55.", recommended);
        Assert.Contains("At threshold 0.55", recommended); // the cascade's own reason joins its recommendation
        Assert.DoesNotContain("instead of 0 ", recommended);
        Assert.Empty(cut.FindAll("[aria-label='Cascade threshold']")); // the same cascade at another threshold is not a second box

        var other = Outcome() with { CascadeChoices = [Choice("cascade:tuned>encoder@0.6"), Choice("cascade:tuned>encoder@0.6"), Choice("cascade:tuned>encoder@0.65")] };
        cut = Render<ComparisonResults>(p => p.Add(c => c.Outcome, other));
        Assert.Single(cut.FindAll("[aria-label='Cascade threshold']"));
    }

    private static CascadeThresholdChoice Choice(string setup) => new(setup, new ThresholdPoint(0.6f, 0.9, 0.3, 1, 0m), $"{setup} reason.");

    [Fact]
    public void TheConfusionHeatmap_NamesEveryIntentOnBothAxes()
    {
        var cut = Render<ComparisonResults>(p => p.Add(c => c.Outcome, Outcome()));

        var layout = (Layout)Chart(cut, "confusion").Parameters["Layout"]!;
        Assert.Equal(Intents, layout.XAxis[0].TickVals!.Cast<string>());
        Assert.Equal(Intents, layout.YAxis[0].TickText!.Cast<string>());
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Array, layout.XAxis[0].TickMode);
    }

    [Fact]
    public void TheMessagesTable_IsPaged_AndFiltersStillReachEveryMessage()
    {
        var cut = Render<ComparisonResults>(p => p.Add(c => c.Outcome, Outcome()));

        var table = cut.Find("[aria-label='Comparison cases']");
        Assert.Equal(25, table.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("1-25 of 366", cut.Find(".mud-table-pagination").TextContent);
        cut.Find(".mud-table-pagination button[aria-label='Next page']").Click();
        Assert.Contains("message 25", cut.Find("[aria-label='Comparison cases'] tbody tr").TextContent);

        cut.Find("input[placeholder='Filter by text or intent']").Input("message 365");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[aria-label='Comparison cases'] tbody tr")));
    }

    private static Bunit.TestDoubles.Stub<PlotlyChart> Chart(IRenderedComponent<ComparisonResults> cut, string id) =>
        cut.FindComponents<Bunit.TestDoubles.Stub<PlotlyChart>>().Select(c => c.Instance).Single(s => (string?)s.Parameters["Id"] == id);
}
