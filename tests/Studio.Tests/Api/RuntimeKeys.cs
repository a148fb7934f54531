using System.Net.Http.Json;
using System.Text.Json;

namespace Studio.Tests.Api;

/// <summary>Runtime clients as an application holds them: no session, only an API key made through the studio's API.</summary>
internal static class RuntimeKeys
{
    public static async Task<HttpClient> ClientAsync(StudioAppFactory app, HttpClient studio, string name, IReadOnlyList<string>? bots = null,
        int requestsPerMinute = Studio.Data.Publishing.ApiKeyStore.DefaultRequestsPerMinute)
    {
        var created = await studio.PostAsJsonAsync("/api/studio/keys", new { name, bots, requestsPerMinute });
        created.EnsureSuccessStatusCode();
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        return client;
    }
}
