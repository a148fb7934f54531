using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Studio.Data.Analytics;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Tests.Support;
using Studio.Web.Features.Analytics;

namespace Studio.Tests.Components;

/// <summary>The Analytics page on stored traffic: headline figures and charts, and an empty state that says what to do.</summary>
public sealed class AnalyticsDashboardTests : StudioComponentTest
{
    protected override async Task SeedAsync(BotDraftStore store)
    {
        Services.AddSingleton(Db.Services.GetRequiredService<AnalyticsStore>());
        Services.AddSingleton(TimeProvider.System);
        var now = DateTime.UtcNow;
        TranscriptTurn Turn(string conversation, bool fallback) => new()
        {
            BotId = "served", Version = 1, Alias = "production", ConversationId = conversation, Intent = "greet", Fallback = fallback, LatencyMs = 12,
            Sentiment = "positive", CreatedUtc = now.AddHours(-1), ExpiresUtc = now.AddDays(1),
        };
        await Db.Services.GetRequiredService<TranscriptStore>().RecordAsync([(Turn("a", false), true), (Turn("b", false), true), (Turn("b", true), true), (Turn("c", false), true)]);
    }

    [Fact]
    public void Traffic_ShowsItsFigures_AndCharts()
    {
        var page = Render<AnalyticsDashboard>(p => p.Add(d => d.BotId, "served"));

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[aria-label='Conversations'] [data-testid=figure-value]").TextContent));
        Assert.Contains("66.7", page.Find("[aria-label='Containment'] [data-testid=figure-value]").TextContent);
        Assert.Contains("25.0", page.Find("[aria-label='Fallback'] [data-testid=figure-value]").TextContent);
        Assert.Equal(4, page.FindAll("[id^=analytics-]").Count);
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href")!.Contains("/analytics/csv?", StringComparison.Ordinal));
    }

    [Fact]
    public void NoTraffic_SaysSo_AndHowToGetSome()
    {
        var page = Render<AnalyticsDashboard>(p => p.Add(d => d.BotId, "quiet"));

        page.WaitForAssertion(() => Assert.Contains("No traffic in this range", page.Markup));
        Assert.Contains("studio seed traffic --bot quiet", page.Markup);
        Assert.Empty(page.FindAll("[id^=analytics-]"));
    }
}
