using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Studio.Application.Jobs;

namespace Studio.Tests.Api;

/// <summary>Comparisons through the API as a client runs them: post, get 202 and a job, poll it once it has ended, read the stored run.</summary>
public static class ComparisonJobs
{
    // A safety net only: the wait is for the job's own completion, never a guess at how long it takes.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>Posts the comparison, checks it was accepted, waits in-process for its job to end, and returns the job as polled.</summary>
    public static async Task<JsonElement> RunAsync(StudioAppFactory app, HttpClient client, string botId, object request)
    {
        var accepted = await client.PostAsJsonAsync($"/api/studio/bots/{botId}/compare", request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var poll = body.GetProperty("poll").GetString()!;
        Assert.Equal(poll, accepted.Headers.Location?.OriginalString);
        await app.Services.GetRequiredService<JobRunner>().WhenFinished(body.GetProperty("job").GetString()!)!.WaitAsync(Patience);
        return await client.GetFromJsonAsync<JsonElement>(poll);
    }

    /// <summary>The stored run a finished comparison job names.</summary>
    public static async Task<JsonElement> StoredAsync(StudioAppFactory app, HttpClient client, string botId, object request)
    {
        var job = await RunAsync(app, client, botId, request);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        return await client.GetFromJsonAsync<JsonElement>(job.GetProperty("comparisonUrl").GetString());
    }
}
