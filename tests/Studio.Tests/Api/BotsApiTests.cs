using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

public class BotsApiTests
{
    private static readonly JsonSerializerOptions Json = BotJson.Options;

    [Fact]
    public async Task BotCreatedFromTemplate_AndEdited_IsStillThereAfterARestart()
    {
        using var data = new TempDirectory();
        await using (var app = new StudioAppFactory(data.Path))
        {
            var client = app.CreateClient();
            var created = await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("restart-bank", "Restart Bank", "banking"), Json);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var draft = (await created.Content.ReadFromJsonAsync<BotDraftResponse>(Json))!;

            draft.Bot.Intents.Add(new Intent { Name = "order_cheque_book", Examples = ["I need a new cheque book", "send me more cheques", "order checks please"] });
            draft.Bot.Responses.Add(new ResponseTemplate { Name = "order_cheque_book", Variations = ["Of course, {nickname}: a new cheque book is on its way."] });
            var saved = await client.PutAsJsonAsync("/api/studio/bots/restart-bank", new SaveBotRequest(draft.Revision, draft.Bot), Json);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            // The save goes through, and says that nothing in the bot fills the placeholder.
            var warning = Assert.Single((await saved.Content.ReadFromJsonAsync<BotDraftResponse>(Json))!.Warnings);
            Assert.Contains("Response 'order_cheque_book' says {nickname}, but the bot has no slot 'nickname'", warning);
        }

        await using (var restarted = new StudioAppFactory(data.Path))
        {
            var client = restarted.CreateClient();
            var draft = (await client.GetFromJsonAsync<BotDraftResponse>("/api/studio/bots/restart-bank", Json))!;

            Assert.Equal(2, draft.Revision);
            Assert.Equal("Restart Bank", draft.Bot.Name);
            var added = Assert.Single(draft.Bot.Intents, i => i.Name == "order_cheque_book");
            Assert.Equal(3, added.Examples.Count);
            Assert.True(draft.Bot.Intents.Count >= 21);
        }
    }

    [Fact]
    public async Task SaveWithAStaleRevision_Is409_TellingTheDesignerToReload()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        var draft = await CreateAsync(client, "stale-bot");

        var first = await client.PutAsJsonAsync("/api/studio/bots/stale-bot", new SaveBotRequest(draft.Revision, WithExample(draft.Bot, "first designer")), Json);
        var second = await client.PutAsJsonAsync("/api/studio/bots/stale-bot", new SaveBotRequest(draft.Revision, WithExample(draft.Bot, "second designer")), Json);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Reload", problem.GetProperty("detail").GetString());
        var stored = (await client.GetFromJsonAsync<BotDraftResponse>("/api/studio/bots/stale-bot", Json))!;
        Assert.Contains("first designer", stored.Bot.Intents[0].Examples);
        Assert.DoesNotContain("second designer", stored.Bot.Intents[0].Examples);
    }

    [Fact]
    public async Task SaveOfAnInvalidBot_Is400_ListingEveryProblem_AndStoresNothing()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        var draft = await CreateAsync(client, "strict-bot");
        var bot = draft.Bot;
        bot.Intents.Add(new Intent { Name = bot.Intents[0].Name, Examples = ["something new"] });
        bot.Intents.Add(new Intent { Name = "", Examples = ["x y z"] });

        var response = await client.PutAsJsonAsync("/api/studio/bots/strict-bot", new SaveBotRequest(draft.Revision, bot), Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.StartsWith("$.intents["));
        Assert.Equal(1, (await client.GetFromJsonAsync<BotDraftResponse>("/api/studio/bots/strict-bot", Json))!.Revision);
    }

    [Fact]
    public async Task SaveWithAMisspeltKey_Is400_RatherThanDroppingIt()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        await CreateAsync(client, "typo-bot");

        var response = await client.PutAsync("/api/studio/bots/typo-bot", new StringContent(
            """{ "revision": 1, "bot": { "id": "typo-bot", "name": "T", "language": "en", "intents": [], "intnets": [] } }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("intnets", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, (await client.GetFromJsonAsync<BotDraftResponse>("/api/studio/bots/typo-bot", Json))!.Revision);
    }

    [Fact]
    public async Task CreateWithoutAnId_Is400_NamingTheField()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);

        var response = await app.CreateClient().PostAsJsonAsync("/api/studio/bots", new { templateId = "banking" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ImportOfMalformedYaml_Is400_WithTheLine_AndStoresNothing()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();

        var response = await UploadAsync(client, "broken.yaml", "id: broken\nname: Broken\nlanguage: en\nintents:\n  - name: a\n    examples: [one, two\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("problems")[0].GetProperty("line").GetInt32() > 0);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement[]>("/api/studio/bots"))!);
    }

    [Fact]
    public async Task ImportOverTheSizeLimit_Is413_NamingTheLimit()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path, maxUploadBytes: 4096);
        var client = app.CreateClient();

        var response = await UploadAsync(client, "banking.yaml", File.ReadAllText(RepoPaths.Template("banking.yaml")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("the limit is 4 KB", problem.GetProperty("detail").GetString());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement[]>("/api/studio/bots"))!);
    }

    [Fact]
    public async Task ImportThenExport_GivesBackTheSameBot()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        var original = File.ReadAllText(RepoPaths.Template("it-helpdesk.yaml"));

        var imported = await UploadAsync(client, "it-helpdesk.yaml", original);
        var again = await UploadAsync(client, "it-helpdesk.yaml", original);
        var exported = await client.GetAsync("/api/studio/bots/it-helpdesk/export");

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("it-helpdesk.yaml", exported.Content.Headers.ContentDisposition?.FileNameStar ?? exported.Content.Headers.ContentDisposition?.FileName);
        var roundTripped = BotDocuments.Read(await exported.Content.ReadAsStringAsync(), BotDocumentFormat.Yaml);
        Assert.True(roundTripped.IsValid);
        Assert.Equal(
            JsonSerializer.Serialize(BotDocuments.Read(original, BotDocumentFormat.Yaml).Bot, BotJson.CompactOptions),
            JsonSerializer.Serialize(roundTripped.Bot, BotJson.CompactOptions));
    }

    [Fact]
    public async Task TemplatesAndSchema_AreServed()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();

        var templates = await client.GetFromJsonAsync<JsonElement[]>("/api/studio/templates");
        var schema = await client.GetAsync("/schemas/bot.schema.json");

        Assert.Contains(templates!, t => t.GetProperty("id").GetString() == "banking");
        Assert.Equal(HttpStatusCode.OK, schema.StatusCode);
        Assert.Equal(BotSchema.Text, await schema.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ValidateEndpoint_ReportsProblemsWithLines_WithoutStoring()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();

        var response = await client.PostAsync("/api/studio/validate", new StringContent("id: x\nname: X\nlanguage: en\nintents:\n  - name: a\n    examples: [hi]\n  - name: a\n    examples: [yo]\n", Encoding.UTF8, "application/yaml"));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Equal(7, body.GetProperty("problems")[0].GetProperty("line").GetInt32());
    }

    private static async Task<BotDraftResponse> CreateAsync(HttpClient client, string id)
    {
        var response = await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(id, TemplateId: "banking"), Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BotDraftResponse>(Json))!;
    }

    private static BotDefinition WithExample(BotDefinition bot, string example)
    {
        var copy = BotDocuments.Clone(bot);
        copy.Intents[0].Examples.Add(example);
        return copy;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, string text)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        content.Add(file, "file", fileName);
        return client.PostAsync("/api/studio/bots/import", content);
    }
}
