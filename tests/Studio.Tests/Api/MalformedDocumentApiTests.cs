using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Studio.Tests.Documents;
using Studio.Tests.Support;

namespace Studio.Tests.Api;

/// <summary>Validating or importing text that is not well-formed YAML or JSON names a line and column, never a 500.</summary>
public class MalformedDocumentApiTests
{
    [Fact]
    public async Task MalformedDocuments_AreReportedWithLineAndColumn_ByValidateAndImport()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        var corpus = MalformedDocumentTests.YamlCorpus.Select(text => (text, "yaml"))
            .Concat(MalformedDocumentTests.JsonCorpus.Select(text => (text, "json")));

        foreach (var (text, format) in corpus)
        {
            var validated = await client.PostAsync($"/api/studio/validate?format={format}", new StringContent(text, Encoding.UTF8, "application/" + format));
            var imported = await UploadAsync(client, "broken." + format, text);
            if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                // Control characters mark binary content: refused before parsing, with the offset.
                Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (validated.StatusCode, imported.StatusCode));
                Assert.Contains("control character", (await validated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
            var body = await validated.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(body.GetProperty("valid").GetBoolean());
            Assert.All(body.GetProperty("problems").EnumerateArray(), p => Assert.True(p.GetProperty("line").GetInt32() >= 1));
            Assert.Equal(HttpStatusCode.BadRequest, imported.StatusCode);
            Assert.Contains("line ", (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, string text)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        return client.PostAsync("/api/studio/bots/import", content);
    }
}
