using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Numerics.Tensors;
using System.Text;
using System.Text.Json;
using OpenAI;
using Studio.Tests.Api;
using Studio.Tests.Support;

namespace Studio.Tests.Llm;

/// <summary>
/// <c>/v1/embeddings</c> serves the sentence encoder in OpenAI's format, over real loopback HTTP, to OpenAI's own .NET
/// client with a Studio API key; with the same keys and limits as chat completions.
/// </summary>
public sealed class EmbeddingsEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private LoopbackStudio _studio = default!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _studio = await LoopbackStudio.StartAsync(_data.Path, _ => new Dictionary<string, string> { ["Runtime:MaxEmbeddingInputs"] = "8" });
        _key = (await (await _studio.Client.PostAsJsonAsync("/api/studio/keys", new { name = "embeddings" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await _studio.DisposeAsync();
        _data.Dispose();
    }

    private HttpClient Keyed(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_studio.Port}") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    [Fact]
    public async Task OpenAisClient_GetsTheEncodersVectors_ThatPutLikeMessagesTogether()
    {
        var client = new OpenAIClient(new ApiKeyCredential(_key), new OpenAIClientOptions { Endpoint = new Uri($"http://127.0.0.1:{_studio.Port}/v1") }).GetEmbeddingClient("encoder");

        var result = (await client.GenerateEmbeddingsAsync(["I lost my card", "my bank card is missing", "what is the weather like in Lisbon"])).Value;

        var vectors = result.Select(e => e.ToFloats().ToArray()).ToList();
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.True(TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]) > TensorPrimitives.CosineSimilarity(vectors[0], vectors[2]) + 0.2f);
        Assert.True(result.Usage.InputTokenCount > 0);
    }

    [Fact]
    public async Task FloatAndBase64_CarryTheSameVector()
    {
        using var client = Keyed(_key);

        var floats = await (await client.PostAsJsonAsync("/v1/embeddings", new { model = "encoder", input = "block my card" })).Content.ReadFromJsonAsync<JsonElement>();
        var base64 = await (await client.PostAsJsonAsync("/v1/embeddings", new { model = "all-MiniLM-L6-v2", input = new[] { "block my card" }, encoding_format = "base64" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var vector = floats.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var decoded = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(base64.GetProperty("data")[0].GetProperty("embedding").GetString()!)).ToArray();
        Assert.Equal("list", floats.GetProperty("object").GetString());
        Assert.Equal(vector, decoded);
    }

    [Theory]
    [InlineData("""{"model":"stories","input":"hi"}""", 404, "model_not_found")]
    [InlineData("""{"model":"encoder"}""", 400, "'input' is required")]
    [InlineData("""{"model":"encoder","input":[1,2,3]}""", 400, "token arrays are not accepted")]
    [InlineData("""{"model":"encoder","input":["a","b","c","d","e","f","g","h","i"]}""", 400, "the limit is 8 a request")]
    [InlineData("""{"model":"encoder","input":"  "}""", 400, "input[0] is empty")]
    [InlineData("""{"model":"encoder","input":"hi","dimensions":1536}""", 400, "can only be 384")]
    [InlineData("""{"model":"encoder","input":"hi","encoding_format":"int8"}""", 400, "'float' or 'base64'")]
    [InlineData("""{"model":"encoder","input":"hi""", 400, "could not parse")]
    public async Task BadRequests_GetOpenAiErrors(string body, int status, string mention)
    {
        using var client = Keyed(_key);

        var response = await client.PostAsync("/v1/embeddings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(mention, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingOrWrongKey_Is401_AndALongTextIsRefusedWithTheLimit()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_studio.Port}") };
        using var wrong = Keyed("stu_wrong");
        using var keyed = Keyed(_key);

        var none = await anonymous.PostAsJsonAsync("/v1/embeddings", new { model = "encoder", input = "hi" });
        var bad = await wrong.PostAsJsonAsync("/v1/embeddings", new { model = "encoder", input = "hi" });
        var tooLong = await keyed.PostAsJsonAsync("/v1/embeddings", new { model = "encoder", input = new string('a', 9000) });

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("the limit is 8,000", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
