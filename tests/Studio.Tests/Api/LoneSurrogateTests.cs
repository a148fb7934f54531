using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Studio.Tests.Api;

/// <summary>
/// Text that is not valid Unicode (a lone UTF-16 surrogate, escaped in JSON or YAML, or its bytes sent raw) is
/// refused with a 400 that says so, wherever a body carries text; never a 500.
/// </summary>
[Collection(PublishedBotGroup.Name)]
public sealed class LoneSurrogateTests(PublishedBotHost host)
{
    // ED A0 80: a surrogate encoded as if it were a character, which strict UTF-8 refuses.
    private static readonly byte[] RawSurrogate = [0xED, 0xA0, 0x80];

    public static TheoryData<string> Escapes => ["\\ud800", "\\udfff", "x\\ud800\\ud800y", "\\udc00\\ud800"];

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Validate_ReportsTheLoneSurrogate_AsAProblemAtItsPlace(string escape)
    {
        var json = await host.Studio.PostAsync("/api/studio/validate?format=json", Text($$"""{"id":"x","name":"{{escape}}","language":"en","intents":[]}"""));
        var yaml = await host.Studio.PostAsync("/api/studio/validate", Text($"id: x\nname: \"{escape}\"\nlanguage: en\n"));

        var answer = await json.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.False(answer.GetProperty("valid").GetBoolean());
        Assert.Contains("not valid Unicode", answer.GetProperty("problems")[0].GetProperty("message").GetString());
        Assert.Equal("/name", answer.GetProperty("problems")[0].GetProperty("path").GetString());
        Assert.True(yaml.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"YAML validate answered {yaml.StatusCode}");
        Assert.False((await yaml.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("valid", out var valid) && valid.GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Import_IsRefusedWith400(string escape)
    {
        var escaped = await UploadAsync("bad.json", Encoding.UTF8.GetBytes($$"""{"id":"surrogate-bot","name":"{{escape}}","language":"en","intents":[]}"""));
        var escapedKey = await UploadAsync("key.json", Encoding.UTF8.GetBytes($$"""{"id":"surrogate-bot","{{escape}}":"x","name":"X","language":"en"}"""));
        var yaml = await UploadAsync("bad.yaml", Encoding.UTF8.GetBytes($"id: surrogate-bot\nname: \"{escape}\"\nlanguage: en\n"));
        var raw = await UploadAsync("raw.yaml", [.. "id: surrogate-bot\nname: "u8, .. RawSurrogate, .. "\nlanguage: en\n"u8]);

        Assert.Equal(HttpStatusCode.BadRequest, escaped.StatusCode);
        Assert.Contains("not valid Unicode", await escaped.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, escapedKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, yaml.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, raw.StatusCode);
        Assert.Contains("not UTF-8", await raw.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Studio.GetAsync("/api/studio/bots/surrogate-bot")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Completions_Refuse400_WithAKeyOrSignedIn_And401WithoutOne(string escape)
    {
        var body = $$"""{"model":"openai-bank@production","messages":[{"role":"user","content":"{{escape}}"}]}""";
        var served = $$"""{"model":"no-such-model","messages":[{"role":"user","content":[{"type":"text","text":"{{escape}}"}]}]}""";

        var keyed = await host.Keyed.PostAsync("/v1/chat/completions", Text(body));
        var signedIn = await host.Studio.PostAsync("/v1/chat/completions", Text(served));
        var raw = await host.Keyed.PostAsync("/v1/chat/completions", Bytes([.. "{\"model\":\"openai-bank@production\",\"messages\":[{\"role\":\"user\",\"content\":\""u8, .. RawSurrogate, .. "\"}]}"u8]));
        var anonymous = await host.App.CreateAnonymousClient().PostAsync("/v1/chat/completions", Text(body));

        Assert.Equal(HttpStatusCode.BadRequest, keyed.StatusCode);
        var error = (await keyed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Contains("not valid Unicode", error.GetProperty("message").GetString());
        Assert.Equal("messages[0].content", error.GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, raw.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task RuntimeMessagesAndParse_Refuse400(string escape)
    {
        var text = $$"""{"text":"{{escape}}"}""";
        byte[] raw = [.. "{\"text\":\""u8, .. RawSurrogate, .. "\"}"u8];

        foreach (var url in new[] { "/api/bots/openai-bank/production/parse", "/api/bots/openai-bank/production/conversations/surrogates/messages" })
        {
            var escaped = await host.Keyed.PostAsync(url, Text(text));
            var bytes = await host.Keyed.PostAsync(url, Bytes(raw));

            Assert.Equal(HttpStatusCode.BadRequest, escaped.StatusCode);
            Assert.Equal("application/problem+json", escaped.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.BadRequest, bytes.StatusCode);
        }
    }

    private Task<HttpResponseMessage> UploadAsync(string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return host.Studio.PostAsync("/api/studio/bots/import", form);
    }

    private static StringContent Text(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
