using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Studio.Application.Jobs;
using Studio.Tests.Api;
using Studio.Tests.Support;
using Studio.Web.Accounts;

namespace Studio.Tests.Jobs;

/// <summary>Jobs through the studio API on one app host: a comparison answers 202 and is polled to its stored run; jobs are cancelled with DELETE.</summary>
public sealed class JobsApiTests(StudioAppFixture host) : IClassFixture<StudioAppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private JobRunner Runner => host.App.Services.GetRequiredService<JobRunner>();

    [Fact]
    public async Task Compare_Answers202WithAJobToPoll_ThatEndsNamingTheStoredRun()
    {
        var client = host.App.CreateClient();
        var accepted = await client.PostAsJsonAsync($"/api/studio/bots/{StudioAppFixture.BotId}/compare", new { setups = new[] { "ngram" } });
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("job").GetString()!;

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/api/studio/jobs/{id}", body.GetProperty("poll").GetString());
        Assert.Equal($"/api/studio/jobs/{id}", accepted.Headers.Location?.OriginalString);
        Assert.Contains(body.GetProperty("status").GetString(), new[] { "queued", "running", "succeeded" });
        await Runner.WhenFinished(id)!.WaitAsync(Patience);
        var job = await client.GetFromJsonAsync<JsonElement>($"/api/studio/jobs/{id}");
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal("compare", job.GetProperty("kind").GetString());
        Assert.Equal(1, job.GetProperty("fraction").GetDouble());
        Assert.True(job.TryGetProperty("finishedUtc", out _));
        var stored = await client.GetFromJsonAsync<JsonElement>(job.GetProperty("comparisonUrl").GetString());
        Assert.Equal(job.GetProperty("comparison").GetInt64(), stored.GetProperty("summary").GetProperty("id").GetInt64());
        var latest = await client.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{StudioAppFixture.BotId}/jobs/compare");
        Assert.Equal(id, latest.GetProperty("id").GetString());
    }

    [Fact]
    public async Task UnknownJobs_Are404_AndAMisspeltKind_Is400NamingTheKinds()
    {
        var client = host.App.CreateClient();

        var unknown = await client.GetAsync("/api/studio/jobs/no-such-job");
        var unknownCancel = await client.DeleteAsync("/api/studio/jobs/no-such-job");
        var badKind = await client.GetAsync($"/api/studio/bots/{StudioAppFixture.BotId}/jobs/publish");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCancel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("use train, quality, compare", await badKind.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeletingARunningJob_CancelsIt_AndThePollSaysSo()
    {
        var client = host.App.CreateClient();
        var work = new HeldWork();
        var job = Runner.Enqueue(StudioAppFixture.BotId, JobKind.Quality, work.RunAsync);
        await work.Started.WaitAsync(Patience);

        var cancelled = await client.DeleteAsync($"/api/studio/jobs/{job.Id}");
        await Runner.WhenFinished(job.Id)!.WaitAsync(Patience);
        var polled = await client.GetFromJsonAsync<JsonElement>($"/api/studio/jobs/{job.Id}");
        var again = await client.DeleteAsync($"/api/studio/jobs/{job.Id}");

        // 202 while the work is still stopping, 200 when it stopped before the answer was written.
        Assert.Contains(cancelled.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK });
        Assert.True(work.SawCancellation);
        Assert.Equal("cancelled", polled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task AViewer_CannotCancelAJob()
    {
        using (var scope = host.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser { UserName = "job-viewer@studio.test", Email = "job-viewer@studio.test" };
            Assert.True((await users.CreateAsync(user, SignIn.AdminPassword)).Succeeded);
            await users.AddToRoleAsync(user, StudioRoles.Viewer);
        }

        var viewer = host.App.CreateAnonymousClient();
        (await SignIn.AsAsync(viewer, "job-viewer@studio.test", SignIn.AdminPassword)).EnsureSuccessStatusCode();
        var work = new HeldWork();
        var job = Runner.Enqueue("viewer-bank", JobKind.Train, work.RunAsync);
        await work.Started.WaitAsync(Patience);

        var refused = await viewer.DeleteAsync($"/api/studio/jobs/{job.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(JobStatus.Running, Runner.Find(job.Id)?.Status);
        work.Release();
        Assert.Equal(JobStatus.Succeeded, (await Runner.WhenFinished(job.Id)!.WaitAsync(Patience)).Status);
    }

    [Fact]
    public async Task ACompareWhenTheQueueIsFull_Is503WithTheLimit_AndNothingIsQueued()
    {
        var client = host.App.CreateClient();
        var busy = new HeldWork();
        var held = new List<JobSnapshot> { Runner.Enqueue("filler-running", JobKind.Train, busy.RunAsync) };
        await busy.Started.WaitAsync(Patience);
        var waiting = Enumerable.Range(0, new JobOptions().QueueCapacity).Select(_ => new HeldWork()).ToList();
        held.AddRange(waiting.Select((work, i) => Runner.Enqueue($"filler-{i}", JobKind.Train, work.RunAsync)));

        var refused = await client.PostAsJsonAsync($"/api/studio/bots/{StudioAppFixture.BotId}/compare", new { setups = new[] { "ngram" } });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();

        busy.Release();
        waiting.ForEach(w => w.Release());
        await Task.WhenAll(held.Select(j => Runner.WhenFinished(j.Id)!.WaitAsync(Patience)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(32, problem.GetProperty("queueCapacity").GetInt32());
        Assert.Contains("32 jobs are already waiting", problem.GetProperty("detail").GetString());
    }
}
