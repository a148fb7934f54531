using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Studio.Tests.Support;

namespace Studio.Tests.Api;

/// <summary>
/// What a <c>/v1/chat/completions</c> body may cost: a caller who may not call costs no body read, and a caller
/// who may is held to <c>Runtime:MaxCompletionBodyBytes</c>, declared or chunked. The app's reads of the body are counted.
/// </summary>
public sealed class CompletionBodyTests : IAsyncLifetime
{
    private const long Limit = 256 * 1024;

    private readonly TempDirectory _data = new();
    private StudioAppFactory _studio = default!;
    private WebApplicationFactory<Program> _app = default!;
    private long _read;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _studio = new StudioAppFactory(_data.Path, settings: new Dictionary<string, string>
        {
            ["Runtime:MaxCompletionBodyBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _app = _studio.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new CountingFilter(n => Interlocked.Add(ref _read, n)))));
        var studio = _app.CreateClient();
        (await SignIn.AsAsync(studio, SignIn.AdminEmail, SignIn.AdminPassword)).EnsureSuccessStatusCode();
        var created = await studio.PostAsJsonAsync("/api/studio/keys", new { name = "any bot" });
        created.EnsureSuccessStatusCode();
        _key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _studio.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task AnAnonymousLargeBody_IsRefusedBeforeItIsRead()
    {
        var body = new byte[29 * 1024 * 1024];
        body.AsSpan().Fill((byte)' ');

        var noKey = await SendAsync(body, declareLength: true, key: null);
        var readWithoutKey = Interlocked.Exchange(ref _read, 0);
        var badKey = await SendAsync(body, declareLength: false, key: "stu_not-a-real-key");
        var readWithBadKey = Interlocked.Exchange(ref _read, 0);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
        // Not a byte read: many such requests hold no bodies in memory.
        Assert.Equal(0, readWithoutKey);
        Assert.Equal(0, readWithBadKey);
    }

    [Fact]
    public async Task AKeyedBodyOverTheLimit_Is413_NamingTheLimit_DeclaredOrChunked()
    {
        var body = new byte[4 * Limit];
        body.AsSpan().Fill((byte)' ');

        var declared = await SendAsync(body, declareLength: true, _key);
        var readDeclared = Interlocked.Exchange(ref _read, 0);
        var chunked = await SendAsync(body, declareLength: false, _key);
        var readChunked = Interlocked.Exchange(ref _read, 0);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Contains("262,144 bytes", (await declared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(0, readDeclared);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        // Counted while read: reading stops just past the limit, not at the end of the body.
        Assert.InRange(readChunked, Limit, Limit + 64 * 1024);
    }

    private async Task<HttpResponseMessage> SendAsync(byte[] body, bool declareLength, string? key)
    {
        var client = _app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        if (!declareLength)
        {
            // Chunked: the server learns the size only by reading.
            request.Headers.TransferEncodingChunked = true;
            content.Headers.ContentLength = null;
        }

        return await client.SendAsync(request);
    }

    private sealed class CountingFilter(Action<int> onRead) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                if (http.Request.Path.StartsWithSegments("/v1"))
                {
                    http.Request.Body = new CountedBodyStream(http.Request.Body, onRead);
                }

                await nextMiddleware(http);
            });
            next(app);
        };
    }
}
