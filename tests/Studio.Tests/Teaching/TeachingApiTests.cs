using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Studio.Application.Jobs;
using Studio.Core.Documents;
using Studio.Tests.Api;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Teaching;

/// <summary>
/// Teacher labelling through the studio API on the real encoder and n-grams, with one fake: a hosted teacher that
/// starts failing part-way and later comes back, for the resume. One app host for the class.
/// </summary>
public sealed class TeachingApiTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = BotJson.Options;

    // Not examples of the banking template: what its users might type.
    private static readonly string[] Unlabelled =
    [
        "my card has gone missing", "how much is in my account", "when will the new card come", "send 50 pounds to my sister",
        "hi there", "what does a transfer abroad cost", "i want to open a savings account", "purple elephants dance at noon",
    ];

    private readonly TempDirectory _data = new();
    private LoopbackApi _teacher = default!;
    private StudioAppFactory _app = default!;
    private HttpClient _client = default!;
    private int _answered;
    private int _answerLimit = int.MaxValue;

    public async Task InitializeAsync()
    {
        // An OpenAI-compatible teacher that says check_balance to everything, and fails once it has given as many answers as it may.
        _teacher = await LoopbackApi.StartAsync(app => app.MapPost("/v1/chat/completions", () =>
        {
            if (Volatile.Read(ref _answered) >= Volatile.Read(ref _answerLimit))
            {
                return Results.Json(new { error = new { message = "the teacher is overloaded", type = "server_error" } }, statusCode: 503);
            }

            Interlocked.Increment(ref _answered);
            return Results.Json(new
            {
                id = "chatcmpl-1", @object = "chat.completion", created = 1, model = "teacher",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = "{\"intent\":\"check_balance\"}" }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 40, completion_tokens = 5, total_tokens = 45 },
            });
        }));
        _app = new StudioAppFactory(_data.Path, settings: new Dictionary<string, string>
        {
            ["Models:flaky:Kind"] = "openai", ["Models:flaky:Endpoint"] = _teacher.BaseUrl + "/v1", ["Models:flaky:Model"] = "teacher",
            ["HostedModels:Retries"] = "1",
            ["Studio:MaxUploadBytes"] = "200000", // above the banking template with its documents (about 107 KB as YAML)
        });
        _client = _app.CreateClient();
        (await _client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("teach-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _teacher.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task TheEncoderLabelsPastedMessages_TheDesignerDecides_AndTaughtExamplesAreComparedBeforeAndAfter()
    {
        var overview = await _client.GetFromJsonAsync<JsonElement>("/api/studio/bots/teach-bank/teaching");
        var run = await StartAsync(new { teacher = "encoder", messages = Unlabelled.Append("  ").Append("HI THERE").ToArray() });
        var summary = await _client.GetFromJsonAsync<JsonElement>($"/api/studio/bots/teach-bank/teaching/{run}");
        var all = await ItemsAsync(run, "");
        var confident = await ItemsAsync(run, "?minConfidence=0.5");

        var teachers = overview.GetProperty("teachers").EnumerateArray().Select(t => t.GetProperty("setup").GetString()).ToList();
        Assert.Contains("encoder", teachers);
        Assert.DoesNotContain("ngram", teachers); // the smallest rung has no one to teach
        Assert.Equal(8, summary.GetProperty("messages").GetInt32()); // blanks dropped, a repeat in other case taken once
        Assert.Equal(8, summary.GetProperty("labelled").GetInt32());
        Assert.Equal("pasted messages", summary.GetProperty("source").GetString());
        var confidences = all.Select(i => i.GetProperty("confidence").GetDouble()).ToList();
        Assert.Equal(confidences.Order(), confidences); // least confident first: those most need a look
        Assert.All(confident, i => Assert.True(i.GetProperty("confidence").GetDouble() >= 0.5));
        Assert.Equal(confidences.Count(c => c >= 0.5), confident.Count);
        Assert.Equal("card_lost_or_stolen", all.Single(i => i.GetProperty("text").GetString() == "my card has gone missing").GetProperty("intent").GetString());

        // Accept everything, reject the least confident, and correct one label to an intent the teacher did not give.
        var accepted = await DecideAsync(run, new { decision = "accept" });
        var rejectedItem = all[0];
        await DecideAsync(run, new { decision = "reject", items = new[] { rejectedItem.GetProperty("id").GetInt64() } });
        var corrected = all.First(i => i.GetProperty("text").GetString() == "send 50 pounds to my sister");
        var correctTo = corrected.TryGetProperty("intent", out var said) && said.GetString() == "transfer_money" ? "transfer_status" : "transfer_money";
        await DecideAsync(run, new { decision = "accept", items = new[] { corrected.GetProperty("id").GetInt64() }, intent = correctTo });
        var applied = await _client.PostAsync($"/api/studio/bots/teach-bank/teaching/{run}/apply", null);
        var appliedAgain = await _client.PostAsync($"/api/studio/bots/teach-bank/teaching/{run}/apply", null);
        var bot = (await _client.GetFromJsonAsync<JsonElement>("/api/studio/bots/teach-bank", Json)).GetProperty("bot");

        // Accepting all takes the labels that name an intent; an out-of-scope label waits for a correction.
        var inScope = all.Where(i => i.TryGetProperty("intent", out var intent) && intent.ValueKind == JsonValueKind.String).Select(i => i.GetProperty("text").GetString()!).ToHashSet();
        var expected = inScope.Append("send 50 pounds to my sister").Where(t => t != rejectedItem.GetProperty("text").GetString()).ToHashSet();
        Assert.Equal(inScope.Count, accepted.GetProperty("changed").GetInt32());
        Assert.True(applied.StatusCode == HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        Assert.Equal(expected.Count, (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, appliedAgain.StatusCode);
        Assert.Contains("No accepted label waits", await appliedAgain.Content.ReadAsStringAsync());
        var intents = bot.GetProperty("intents").EnumerateArray().ToList();
        var taught = intents.Where(i => i.TryGetProperty("taught", out _)).SelectMany(i => i.GetProperty("taught").EnumerateArray()
            .Select(t => (Intent: i.GetProperty("name").GetString(), Example: t.GetProperty("example").GetString(), Teacher: t.GetProperty("teacher").GetString(),
                Confidence: t.TryGetProperty("confidence", out var c) ? c.GetDouble() : (double?)null))).ToList();
        Assert.Equal(expected, taught.Select(t => t.Example!).ToHashSet());
        Assert.All(taught, t => Assert.Equal("encoder", t.Teacher));
        Assert.DoesNotContain(taught, t => t.Example == rejectedItem.GetProperty("text").GetString());
        var correction = taught.Single(t => t.Example == "send 50 pounds to my sister");
        Assert.Equal(correctTo, correction.Intent);
        Assert.Null(correction.Confidence); // a designer's correction is not the teacher's confidence
        Assert.Contains("send 50 pounds to my sister", intents.Single(i => i.GetProperty("name").GetString() == correctTo).GetProperty("examples").EnumerateArray().Select(e => e.GetString()));

        // Retrain and compare: the student before and after, the teacher beside it, both runs stored.
        var compare = await _client.PostAsJsonAsync($"/api/studio/bots/teach-bank/teaching/{run}/compare", new { });
        Assert.Equal(HttpStatusCode.Accepted, compare.StatusCode);
        await FinishedAsync((await compare.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetString()!);
        var outcome = await _client.GetFromJsonAsync<JsonElement>($"/api/studio/bots/teach-bank/teaching/{run}/compare");
        var stored = (await _client.GetFromJsonAsync<JsonElement>("/api/studio/bots/teach-bank/comparisons")).EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetInt64(), c => c.GetProperty("suite").GetString()!);

        var student = Assert.Single(outcome.GetProperty("students").EnumerateArray());
        Assert.Equal("ngram", student.GetProperty("setup").GetString());
        Assert.InRange(student.GetProperty("before").GetDouble(), 0.05, 1);
        Assert.InRange(student.GetProperty("after").GetDouble(), 0.05, 1);
        Assert.InRange(outcome.GetProperty("teacherAccuracy").GetDouble(), 0.5, 1);
        Assert.Equal(expected.Count, outcome.GetProperty("taught").GetInt32());
        Assert.StartsWith($"before teaching run {run}: conversation tests", stored[outcome.GetProperty("beforeComparisonId").GetInt64()]);
        Assert.StartsWith($"after teaching run {run}: conversation tests", stored[outcome.GetProperty("afterComparisonId").GetInt64()]);
    }

    [Fact]
    public async Task ATeacherFailingHalfWay_KeepsTheLabelsItMade_AndTheRunResumesWhereItStopped()
    {
        // Three answers come back, then the teacher fails until it is let answer again.
        Volatile.Write(ref _answered, 0);
        Volatile.Write(ref _answerLimit, 3);
        var started = await _client.PostAsJsonAsync("/api/studio/bots/teach-bank/teaching", new { teacher = "flaky", messages = Unlabelled }, Json);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var run = body.GetProperty("run").GetProperty("id").GetInt64();
        var failed = await FinishedAsync(body.GetProperty("job").GetString()!);
        var stopped = await _client.GetFromJsonAsync<JsonElement>($"/api/studio/bots/teach-bank/teaching/{run}");
        var kept = await ItemsAsync(run, "");

        Assert.Equal(JobStatus.Failed, failed.Status);
        var labelled = stopped.GetProperty("labelled").GetInt32();
        Assert.Equal(3, labelled); // the labels made before the failure are kept, though they were not a whole batch
        Assert.Equal(labelled, kept.Count);
        Assert.Contains("unavailable", stopped.GetProperty("error").GetString());
        var answeredBefore = Volatile.Read(ref _answered);

        Volatile.Write(ref _answerLimit, int.MaxValue);
        var resumed = await _client.PostAsync($"/api/studio/bots/teach-bank/teaching/{run}/resume", null);
        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        var finished = await FinishedAsync((await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetString()!);
        var done = await _client.GetFromJsonAsync<JsonElement>($"/api/studio/bots/teach-bank/teaching/{run}");
        var items = await ItemsAsync(run, "?intent=check_balance");

        Assert.Equal(JobStatus.Succeeded, finished.Status);
        Assert.Equal(Unlabelled.Length, done.GetProperty("labelled").GetInt32());
        Assert.False(done.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String, "the error is cleared once it goes on");
        Assert.Equal(Unlabelled.Length, items.Count);
        // Only what was not labelled was asked again.
        Assert.Equal(Unlabelled.Length - labelled, Volatile.Read(ref _answered) - answeredBefore);
    }

    [Fact]
    public async Task ServedTranscripts_GiveTheMessagesUsersSent_ThatAreNotExamplesYet()
    {
        var example = Studio.Tests.Support.Bots.Banking().Intents[0].Examples[0];
        var now = DateTime.UtcNow;
        await _app.Services.GetRequiredService<Studio.Data.Publishing.TranscriptStore>().AddAsync([
            new() { BotId = "teach-bank", Version = 1, ConversationId = "c1", UserText = "is my salary in yet", Replies = "…", CreatedUtc = now },
            new() { BotId = "teach-bank", Version = 1, ConversationId = "c1", UserText = example, Replies = "…", CreatedUtc = now }, // an example already
            new() { BotId = "teach-bank", Version = 1, ConversationId = "c2", UserText = "Is my salary in yet ", Replies = "…", CreatedUtc = now }, // the same again
            new() { BotId = "other-bot", Version = 1, ConversationId = "c3", UserText = "not this bot's", Replies = "…", CreatedUtc = now },
        ]);

        var run = await StartAsync(new { teacher = "encoder", transcripts = true });
        var summary = await _client.GetFromJsonAsync<JsonElement>($"/api/studio/bots/teach-bank/teaching/{run}");
        var items = await ItemsAsync(run, "");

        Assert.Equal("served transcripts", summary.GetProperty("source").GetString());
        Assert.Equal(["is my salary in yet"], items.Select(i => i.GetProperty("text").GetString()).Select(t => t!.ToLowerInvariant()));
    }

    [Fact]
    public async Task BadInput_IsRefusedWithTheReason_AndStoresNothing()
    {
        var runsBefore = (await _client.GetFromJsonAsync<JsonElement>("/api/studio/bots/teach-bank/teaching")).GetProperty("runs").GetArrayLength();
        var refused = new Dictionary<string, (object Body, string Reason)>
        {
            ["no source"] = (new { teacher = "encoder" }, "one way"),
            ["two sources"] = (new { teacher = "encoder", messages = new[] { "hi" }, csv = "text\nhello\n" }, "one way"),
            ["blank messages"] = (new { teacher = "encoder", messages = new[] { " ", "" } }, "no messages"),
            ["too long"] = (new { teacher = "encoder", messages = new[] { new string('a', 1001) } }, "the limit is 1,000"),
            ["too many"] = (new { teacher = "encoder", messages = Enumerable.Range(0, 20_001).Select(i => $"m{i}").ToArray() }, "at most 20,000"),
            ["oversize csv"] = (new { teacher = "encoder", csv = "text\n" + string.Concat(Enumerable.Repeat("what is my balance please\n", 8000)) }, "the limit is 200,000"),
            ["broken csv"] = (new { teacher = "encoder", csv = "text\n\"never closed\n" }, "csv:2"),
            ["unknown teacher"] = (new { teacher = "gpt-9", messages = new[] { "hi" } }, "gpt-9"),
            ["a null message"] = (new { teacher = "encoder", messages = new[] { "hi", null } }, "is null"),
        };
        foreach (var (name, (request, reason)) in refused)
        {
            var response = await _client.PostAsJsonAsync("/api/studio/bots/teach-bank/teaching", request, Json);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {response.StatusCode}");
            Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var run = await StartAsync(new { teacher = "encoder", csv = "text\nwhere is my card\nI need cash\n" });
        var badDecision = await _client.PostAsJsonAsync($"/api/studio/bots/teach-bank/teaching/{run}/decisions", new { decision = "maybe" });
        var badIntent = await _client.PostAsJsonAsync($"/api/studio/bots/teach-bank/teaching/{run}/decisions", new { decision = "accept", items = new[] { 1L }, intent = "nope" });
        var badRange = await _client.GetAsync($"/api/studio/bots/teach-bank/teaching/{run}/items?minConfidence=0.9&maxConfidence=0.1");
        var noRun = await _client.GetAsync("/api/studio/bots/teach-bank/teaching/999999");
        var nothingTaught = await _client.PostAsJsonAsync($"/api/studio/bots/teach-bank/teaching/{run}/compare", new { });
        var nothingToResume = await _client.PostAsync($"/api/studio/bots/teach-bank/teaching/{run}/resume", null);
        var runsAfter = (await _client.GetFromJsonAsync<JsonElement>("/api/studio/bots/teach-bank/teaching")).GetProperty("runs").GetArrayLength();

        Assert.Equal(HttpStatusCode.BadRequest, badDecision.StatusCode);
        Assert.Contains("accept, reject or pending", await badDecision.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badIntent.StatusCode);
        Assert.Contains("'nope' is not an intent", await badIntent.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noRun.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nothingTaught.StatusCode);
        Assert.Contains("Add the accepted labels", await nothingTaught.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, nothingToResume.StatusCode);
        Assert.Contains("nothing to resume", await nothingToResume.Content.ReadAsStringAsync());
        Assert.Equal(runsBefore + 1, runsAfter); // only the good run was stored
    }

    private async Task<long> StartAsync(object request)
    {
        var started = await _client.PostAsJsonAsync("/api/studio/bots/teach-bank/teaching", request, Json);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var job = await FinishedAsync(body.GetProperty("job").GetString()!);
        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        return body.GetProperty("run").GetProperty("id").GetInt64();
    }

    private async Task<List<JsonElement>> ItemsAsync(long run, string query) =>
        [.. (await _client.GetFromJsonAsync<JsonElement>($"/api/studio/bots/teach-bank/teaching/{run}/items{query}")).GetProperty("items").EnumerateArray()];

    private async Task<JsonElement> DecideAsync(long run, object request)
    {
        var response = await _client.PostAsJsonAsync($"/api/studio/bots/teach-bank/teaching/{run}/decisions", request, Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JobSnapshot> FinishedAsync(string job) =>
        await _app.Services.GetRequiredService<JobRunner>().WhenFinished(job)!.WaitAsync(TimeSpan.FromMinutes(10));
}
