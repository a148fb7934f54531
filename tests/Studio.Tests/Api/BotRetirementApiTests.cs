using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Accounts;
using Studio.Web.Api;
using Studio.Application.Runtime;
using Studio.Web.Runtime;

namespace Studio.Tests.Api;

/// <summary>Deleting and retiring a served bot through the HTTP APIs, on the real encoder and a real SQLite file.</summary>
public class BotRetirementApiTests
{
    private static readonly JsonSerializerOptions Json = BotJson.Options;

    [Fact]
    public async Task AServedBot_IsRetiredWithARecord_NotDeleted_AndItsIdStartsClean()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        await CreateAsync(studio, "retired-bank");
        (await studio.PostAsJsonAsync("/api/studio/bots/retired-bank/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        var runtime = await KeyedClientAsync(app, studio);
        const string conversation = "/api/bots/retired-bank/production/conversations/c-1/messages";
        (await runtime.PostAsJsonAsync(conversation, new { text = "I lost my card" })).EnsureSuccessStatusCode();
        var remembered = await runtime.PostAsJsonAsync(conversation, new { text = "it ends in 4821" });
        Assert.Equal("4821", (await remembered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots").GetProperty("card_last_four").GetString());
        await app.Services.GetRequiredService<TranscriptWriter>().FlushAsync();

        var deleteServed = await studio.DeleteAsync("/api/studio/bots/retired-bank?revision=1");
        var stillServed = await runtime.PostAsJsonAsync("/api/bots/retired-bank/production/parse", new { text = "hi" });
        var noReason = await studio.PostAsJsonAsync("/api/studio/bots/retired-bank/retire", new { reason = " " });
        var retire = await studio.PostAsJsonAsync("/api/studio/bots/retired-bank/retire", new { reason = "replaced by the new bank bot" });
        var afterRetire = await runtime.PostAsJsonAsync(conversation, new { text = "hello" });
        var byNumber = await runtime.PostAsJsonAsync("/api/bots/retired-bank/v1/parse", new { text = "hello" });
        var transcripts = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/retired-bank/transcripts");
        var delete = await studio.DeleteAsync("/api/studio/bots/retired-bank?revision=1");

        Assert.Equal(HttpStatusCode.Conflict, deleteServed.StatusCode);
        Assert.Equal("application/problem+json", deleteServed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("production \u2192 v1", (await deleteServed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retire.StatusCode);
        var record = await retire.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(SignIn.AdminEmail, record.GetProperty("retiredBy").GetString());
        Assert.Equal("production \u2192 v1", record.GetProperty("aliases").GetString());
        Assert.Equal(2, record.GetProperty("transcriptTurns").GetInt32());
        Assert.Equal(HttpStatusCode.Gone, afterRetire.StatusCode);
        Assert.Contains($"retired on", (await afterRetire.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Gone, byNumber.StatusCode);
        Assert.Empty(transcripts.EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        // Someone else takes the id: nothing of the old bot is theirs to see, neither versions, transcripts nor conversations.
        await CreateAsync(studio, "retired-bank");
        var versionsBefore = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/retired-bank/versions");
        (await studio.PostAsJsonAsync("/api/studio/bots/retired-bank/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        var fresh = await runtime.PostAsJsonAsync(conversation, new { text = "hello" });
        await app.Services.GetRequiredService<TranscriptWriter>().FlushAsync();
        var newTranscripts = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/retired-bank/transcripts");

        Assert.Empty(versionsBefore.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.False((await fresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots").TryGetProperty("card_last_four", out _));
        Assert.Equal(1, Assert.Single(newTranscripts.EnumerateArray()).GetProperty("turns").GetInt32());
    }

    [Fact]
    public async Task AViewer_CannotRetireABot()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        await CreateAsync(studio, "guarded-bank");
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser { UserName = "viewer@studio.test", Email = "viewer@studio.test" };
            Assert.True((await users.CreateAsync(user, SignIn.AdminPassword)).Succeeded);
            await users.AddToRoleAsync(user, StudioRoles.Viewer);
        }

        var viewer = app.CreateAnonymousClient();
        await SignIn.AsAsync(viewer, "viewer@studio.test", SignIn.AdminPassword);

        var retire = await viewer.PostAsJsonAsync("/api/studio/bots/guarded-bank/retire", new { reason = "no" });

        Assert.Equal(HttpStatusCode.Forbidden, retire.StatusCode);
    }

    private static async Task CreateAsync(HttpClient studio, string id) =>
        (await studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(id, TemplateId: "banking"), Json)).EnsureSuccessStatusCode();

    private static Task<HttpClient> KeyedClientAsync(StudioAppFactory app, HttpClient studio) => RuntimeKeys.ClientAsync(app, studio, "retirement test");
}
