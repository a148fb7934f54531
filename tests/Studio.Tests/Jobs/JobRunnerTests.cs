using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studio.Application.Jobs;
using Studio.Data.Access;
using Studio.Tests.Support;

namespace Studio.Tests.Jobs;

/// <summary>The job runner on its own: its queue bound, one job per bot and kind, cancellation, shutdown and subscriptions.</summary>
public sealed class JobRunnerTests : IAsyncLifetime
{
    // Generous: every wait is for a condition, so the limit only matters when something is broken.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ActingAs _acting = new(ActingAs.Designer);
    private JobRunner _runner = null!;

    public Task InitializeAsync()
    {
        _runner = Start(new JobOptions { QueueCapacity = 2, Workers = 1 });
        return _runner.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _runner.StopAsync(CancellationToken.None);
        _runner.Dispose();
    }

    [Fact]
    public async Task AJobBeyondTheQueueCapacity_IsRefused_WithTheLimit_AndTheQueuedOnesStillRun()
    {
        var busy = new HeldWork();
        var first = _runner.Enqueue("bot-a", JobKind.Train, busy.RunAsync);
        await busy.Started.WaitAsync(Patience);
        var waiting = new[] { new HeldWork(), new HeldWork() };
        var queued = waiting.Select((work, i) => _runner.Enqueue($"bot-{i}", JobKind.Compare, work.RunAsync)).ToList();

        var refused = Assert.Throws<JobQueueFullException>(() => _runner.Enqueue("bot-c", JobKind.Compare, new HeldWork().RunAsync));

        Assert.Equal(2, refused.Capacity);
        Assert.Contains("2 jobs are already waiting", refused.Message);
        Assert.Contains("Jobs:QueueCapacity", refused.Message);
        Assert.All(queued, job => Assert.Equal(JobStatus.Queued, job.Status));
        busy.Release();
        foreach (var work in waiting)
        {
            work.Release();
        }

        var ended = await Task.WhenAll(queued.Prepend(first).Select(job => _runner.WhenFinished(job.Id)!.WaitAsync(Patience)));
        Assert.All(ended, job => Assert.Equal(JobStatus.Succeeded, job.Status));
        Assert.All(ended, job => Assert.Equal("done", job.Result));
    }

    [Fact]
    public async Task CancellingARunningJob_TripsTheTokenItsWorkHolds_AndMarksItCancelled()
    {
        var work = new HeldWork();
        var job = _runner.Enqueue("bot-a", JobKind.Compare, work.RunAsync);
        await work.Started.WaitAsync(Patience);

        var answer = await _runner.CancelAsync(job.Id);
        var ended = await _runner.WhenFinished(job.Id)!.WaitAsync(Patience);

        Assert.NotNull(answer);
        Assert.True(work.SawCancellation);
        Assert.Equal(JobStatus.Cancelled, ended.Status);
        Assert.True(ended.WasCancelled);
        Assert.Null(ended.Result);
        Assert.NotNull(ended.StartedUtc);
        Assert.NotNull(ended.FinishedUtc);
        Assert.Equal(JobStatus.Cancelled, _runner.Find(job.Id)?.Status);
    }

    [Fact]
    public async Task CancellingAQueuedJob_EndsItAtOnce_AndItsWorkNeverRuns()
    {
        var busy = new HeldWork();
        _runner.Enqueue("bot-a", JobKind.Train, busy.RunAsync);
        await busy.Started.WaitAsync(Patience);
        var waiting = new HeldWork();
        var queued = _runner.Enqueue("bot-b", JobKind.Train, waiting.RunAsync);

        var answer = await _runner.CancelAsync(queued.Id);
        busy.Release();
        waiting.Release();

        Assert.Equal(JobStatus.Cancelled, answer?.Status);
        Assert.Null(answer?.StartedUtc);
        // The worker is free again once the next job has run; the cancelled one was skipped on the way.
        var next = new HeldWork();
        next.Release();
        await _runner.WhenFinished(_runner.Enqueue("bot-c", JobKind.Train, next.RunAsync).Id)!.WaitAsync(Patience);
        Assert.False(waiting.Ran);
    }

    [Fact]
    public async Task CancellingAsAViewer_IsRefused_AndTheJobGoesOn()
    {
        var work = new HeldWork();
        var job = _runner.Enqueue("bot-a", JobKind.Quality, work.RunAsync);
        await work.Started.WaitAsync(Patience);
        _acting.Actor = ActingAs.Viewer;

        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => _runner.CancelAsync(job.Id));

        Assert.Contains("viewer@studio.test may not", refused.Message);
        Assert.Equal(JobStatus.Running, _runner.Find(job.Id)?.Status);
        work.Release();
        Assert.Equal(JobStatus.Succeeded, (await _runner.WhenFinished(job.Id)!.WaitAsync(Patience)).Status);
    }

    [Fact]
    public async Task CancellingAnUnknownJob_AnswersNull()
    {
        Assert.Null(await _runner.CancelAsync("no-such-job"));
        Assert.Null(_runner.Find("no-such-job"));
    }

    [Fact]
    public async Task Shutdown_CancelsTheRunningAndTheQueuedJobs_AndRefusesNewOnes()
    {
        var running = new HeldWork();
        var first = _runner.Enqueue("bot-a", JobKind.Train, running.RunAsync);
        await running.Started.WaitAsync(Patience);
        var waiting = new HeldWork();
        var second = _runner.Enqueue("bot-b", JobKind.Train, waiting.RunAsync);

        await _runner.StopAsync(CancellationToken.None);

        Assert.True(running.SawCancellation);
        Assert.False(waiting.Ran);
        Assert.Equal(JobStatus.Cancelled, (await _runner.WhenFinished(first.Id)!.WaitAsync(Patience)).Status);
        Assert.Equal(JobStatus.Cancelled, (await _runner.WhenFinished(second.Id)!.WaitAsync(Patience)).Status);
        var refused = Assert.Throws<InvalidOperationException>(() => _runner.Enqueue("bot-c", JobKind.Train, new HeldWork().RunAsync));
        Assert.Contains("shutting down", refused.Message);
    }

    [Fact]
    public async Task ASecondJobOfAKindForABot_IsTheOneInProgress_ButOtherKindsAndBotsGetTheirOwn()
    {
        var work = new HeldWork();
        var first = _runner.Enqueue("bot-a", JobKind.Train, work.RunAsync);
        await work.Started.WaitAsync(Patience);
        var never = new HeldWork();

        var again = _runner.Enqueue("bot-a", JobKind.Train, never.RunAsync);
        var otherKind = _runner.Enqueue("bot-a", JobKind.Compare, Done);
        var otherBot = _runner.Enqueue("bot-b", JobKind.Train, Done);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(JobStatus.Running, again.Status);
        Assert.NotEqual(first.Id, otherKind.Id);
        Assert.NotEqual(first.Id, otherBot.Id);
        work.Release();
        await _runner.WhenFinished(first.Id)!.WaitAsync(Patience);
        var afterwards = _runner.Enqueue("bot-a", JobKind.Train, Done);
        Assert.NotEqual(first.Id, afterwards.Id);
        await _runner.WhenFinished(afterwards.Id)!.WaitAsync(Patience);
        Assert.False(never.Ran);
        Assert.Equal(afterwards.Id, _runner.Latest("bot-a", JobKind.Train)?.Id);
    }

    [Fact]
    public async Task WorkThatRefusesTheBot_FailsWithItsMessage_AndKeepsTheFaultForCallers()
    {
        var job = _runner.Enqueue("bot-a", JobKind.Compare, (_, _) => throw new ArgumentException("Unknown intent rung 'nope'."));

        var ended = await _runner.WhenFinished(job.Id)!.WaitAsync(Patience);

        Assert.Equal(JobStatus.Failed, ended.Status);
        Assert.Equal("Unknown intent rung 'nope'.", ended.Error);
        Assert.IsType<ArgumentException>(ended.Fault);
    }

    [Fact]
    public async Task ADisposedSubscription_IsNotCalledBack_WhileOthersAre()
    {
        var kept = new List<JobSnapshot>();
        var dropped = new List<JobSnapshot>();
        var otherBot = new List<JobSnapshot>();
        using var keep = _runner.Subscribe("bot-a", s => { lock (kept) { kept.Add(s); } });
        var drop = _runner.Subscribe("bot-a", s => { lock (dropped) { dropped.Add(s); } });
        using var other = _runner.Subscribe("bot-b", s => { lock (otherBot) { otherBot.Add(s); } });
        var work = new HeldWork();
        var job = _runner.Enqueue("bot-a", JobKind.Train, work.RunAsync);
        await work.Started.WaitAsync(Patience);

        drop.Dispose();
        int droppedBefore;
        lock (dropped)
        {
            droppedBefore = dropped.Count;
        }

        work.Release();
        await _runner.WhenFinished(job.Id)!.WaitAsync(Patience);

        lock (kept)
        {
            Assert.Contains(kept, s => s.Status == JobStatus.Succeeded);
            Assert.Contains(kept, s => s.Stage == "Held");
        }

        lock (dropped)
        {
            Assert.True(droppedBefore > 0);
            Assert.Equal(droppedBefore, dropped.Count);
        }

        Assert.Empty(otherBot);
    }

    [Theory]
    [InlineData("compare", JobKind.Compare)]
    [InlineData(" Train ", JobKind.Train)]
    [InlineData("QUALITY", JobKind.Quality)]
    public void AJobKind_IsReadFromItsName(string text, JobKind kind) => Assert.Equal(kind, JobKinds.Parse(text));

    [Theory]
    [InlineData("1")]
    [InlineData("train,compare")]
    [InlineData("publish")]
    [InlineData("")]
    public void AnythingElse_IsNotAJobKind_AndTheMessageListsThem(string text) =>
        Assert.Contains("use train, quality, compare", Assert.Throws<ArgumentException>(() => JobKinds.Parse(text)).Message);

    private static Task Done(JobContext job, CancellationToken cancellationToken) => Task.CompletedTask;

    private JobRunner Start(JobOptions options) => new(Options.Create(options), _acting, TimeProvider.System, NullLogger<JobRunner>.Instance);
}
