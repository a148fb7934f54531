using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Studio.Data.Publishing;
using Studio.Inference.Models;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench llm --model &lt;gguf&gt;</c>: tokens per second of a local model straight through LLamaSharp and
/// through Studio's own <c>/v1/chat/completions</c> (the web app started as a child process on loopback, with the model
/// as its <c>bench</c> profile), in one run, and the endpoint's overhead as the ratio of the two.
/// </summary>
internal static class BenchLlmCommand
{
    private const string Prompt = "Once upon a time";

    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "A GGUF file, e.g. ../shared/models/stories260K.gguf.", Required = true };
        var tokens = new Option<int>("--tokens") { Description = "Tokens to generate per run.", DefaultValueFactory = _ => 200 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per path (after one warm-up); the median counts.", DefaultValueFactory = _ => 7 };
        var context = new Option<int>("--context") { Description = "Context size.", DefaultValueFactory = _ => 512 };
        var server = StudioServer.CreateOption();
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var command = new Command("llm", "Tokens per second of a local model, directly and through the OpenAI-compatible endpoint.") { model, tokens, runs, context, server, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ModelProfileOptions { Kind = ModelKind.Gguf, Path = parse.GetRequiredValue(model).FullName, ContextSize = parse.GetValue(context) };
            if (!File.Exists(options.Path))
            {
                await Console.Error.WriteLineAsync($"error: there is no model file at {options.Path}.");
                return 1;
            }

            // The profile is this run's alone, so it is made here rather than read from the Models settings.
            using var registry = new ModelRegistry(new Dictionary<string, ModelProfileOptions> { ["bench"] = options }, _ => new HttpClient(), NullLogger<ModelRegistry>.Instance);
            var maxTokens = parse.GetValue(tokens);
            var count = parse.GetValue(runs);

            var direct = await TimeAsync(count, async () =>
            {
                var generated = 0;
                var chat = new ChatOptions { MaxOutputTokens = maxTokens, Temperature = 0 };
                await foreach (var update in registry.ChatClient("bench").GetStreamingResponseAsync(Prompt, chat, cancellationToken))
                {
                    generated += update.Text.Length > 0 ? 1 : 0;
                }

                return generated;
            });

            using var data = new TemporaryFolder();
            string secret;
            await using (var studio = await CliContext.OpenAsync(data.Path, cancellationToken))
            {
                // The endpoint serves models to signed-in users and key holders only.
                (_, secret) = await studio.Get<ApiKeyStore>().CreateAsync("bench", bots: null, 1_000_000, cancellationToken);
            }

            await using var running = await StudioServer.StartAsync(parse.GetRequiredValue(server), data.Path,
            [
                new("Models:bench:Kind", nameof(ModelKind.Gguf)),
                new("Models:bench:Path", options.Path),
                new("Models:bench:ContextSize", options.ContextSize.ToString(CultureInfo.InvariantCulture)),
            ], cancellationToken);
            if (running is null)
            {
                return 1;
            }

            using var http = new HttpClient { BaseAddress = running.Address, Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Add("X-Api-Key", secret);
            var streamed = await TimeAsync(count, () => StreamAsync(http, maxTokens, cancellationToken));
            var whole = await TimeAsync(count, async () =>
            {
                var response = await http.PostAsJsonAsync("/v1/chat/completions", Request(maxTokens, stream: false), cancellationToken);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                return body.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
            });

            var result = new
            {
                model = options.Path,
                tokens = maxTokens,
                directTokensPerSecond = direct,
                endpointStreamingTokensPerSecond = streamed,
                endpointTokensPerSecond = whole,
                streamingOverhead = direct / streamed,
                overhead = direct / whole,
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"direct (LLamaSharp): {direct:0} tokens/s; through /v1/chat/completions: {whole:0} tokens/s (overhead {result.overhead:0.000} ×), streaming {streamed:0} tokens/s (overhead {result.streamingOverhead:0.000} ×)"));
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result));
            }

            return 0;
        });
        return command;
    }

    private static object Request(int maxTokens, bool stream) =>
        new { model = "bench", messages = new[] { new { role = "user", content = Prompt } }, max_tokens = maxTokens, temperature = 0, stream };

    private static async Task<int> StreamAsync(HttpClient http, int maxTokens, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Request(maxTokens, stream: true)) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var chunks = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line && line != "data: [DONE]")
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains("\"content\":\"", StringComparison.Ordinal))
            {
                chunks++;
            }
        }

        return chunks;
    }

    /// <summary>Median tokens per second over <paramref name="runs"/> timed runs, after one warm-up.</summary>
    private static async Task<double> TimeAsync(int runs, Func<Task<int>> run)
    {
        await run();
        var rates = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var generated = await run();
            rates.Add(generated / Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        rates.Sort();
        return rates[rates.Count / 2];
    }
}
