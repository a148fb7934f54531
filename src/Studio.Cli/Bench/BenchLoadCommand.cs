using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Studio.Core.Documents;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Web.Api;
using Studio.Web.Hosting;
using Studio.Application.Publishing;
using Studio.Application.Runtime;
using Studio.Web.Runtime;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench load</c>: publishes the banking template in a temporary data folder, serves it on loopback with
/// the real runtime (keys, rate limits, transcripts), and drives <c>/parse</c> and <c>/messages</c> at 1, 8 and 32
/// concurrent clients: throughput, p50, p99 and errors, next to the in-process time of the same classification.
/// With <c>--soak</c>, keeps 32 clients on <c>/parse</c> and compares memory at the end with memory after warm-up.
/// </summary>
internal static class BenchLoadCommand
{
    private static readonly string[] Endpoints = ["parse", "messages"];

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "Seconds per endpoint and concurrency level.", DefaultValueFactory = _ => 10 };
        var clients = new Option<string>("--clients") { Description = "Comma-separated concurrency levels.", DefaultValueFactory = _ => "1,8,32" };
        var soak = new Option<int>("--soak") { Description = "Also run a soak of this many seconds at 32 clients on /parse (e.g. 180).", DefaultValueFactory = _ => 0 };
        var template = new Option<FileInfo>("--bot") { Description = "The bot file to publish.", DefaultValueFactory = _ => new FileInfo(Path.Combine("templates", "banking.yaml")) };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var command = new Command("load", "Load and reliability of the runtime API on loopback, next to the in-process classification time.") { seconds, clients, soak, template, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var data = new TemporaryFolder();
            await using var app = await StartAsync(data.Path, cancellationToken);
            var botFile = parse.GetRequiredValue(template);
            var bot = (await app.Services.GetRequiredService<BotImporter>().ImportAsync(await File.ReadAllTextAsync(botFile.FullName, cancellationToken),
                BotDocuments.FormatOf(botFile.Name), replace: false, cancellationToken)).Bot;
            await app.Services.GetRequiredService<Publisher>().PublishAsync(bot.Id, new PublishRequest("production", "load benchmark"), "bench", cancellationToken: cancellationToken);
            var (_, secret) = await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync("bench", [bot.Id], int.MaxValue / 2, cancellationToken);
            var texts = bot.Intents.SelectMany(i => i.Examples).Concat(bot.Tests.SelectMany(t => t.Turns).Select(t => t.User)).ToArray();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

            var served = await app.Services.GetRequiredService<PublishedBots>().GetAsync(bot.Id, "production", cancellationToken);
            var today = DateOnly.FromDateTime(DateTime.Today);
            var inProcess = Latency.Measure(texts, t => served.Trained.Analyze(t, today), warmUp: 50);
            var inProcessP50 = Latency.Percentile(inProcess, 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in-process classification (encoder, entities, sentiment) p50 {inProcessP50:0.000} ms over {texts.Length} messages; serving on {address}"));

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var http = new HttpClient(handler) { BaseAddress = address };
            http.DefaultRequestHeaders.Add("X-Api-Key", secret);
            var levels = parse.GetRequiredValue(clients).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
            var results = new List<LoadResult>();
            Console.WriteLine($"{"endpoint",-10} {"clients",7} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"p50 / in-process",17}");
            foreach (var endpoint in Endpoints)
            {
                foreach (var level in levels)
                {
                    var result = await LoadAsync(http, bot.Id, endpoint, level, duration, texts, cancellationToken);
                    results.Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{endpoint,-10} {level,7} {result.RequestsPerSecond,9:0} {result.P50Ms,8:0.00} {result.P99Ms,8:0.00} {result.Errors,7} {result.P50Ms / inProcessP50,16:0.00}×"));
                }
            }

            object? soakResult = null;
            if (parse.GetValue(soak) is > 0 and var soakSeconds)
            {
                var warmUp = TimeSpan.FromSeconds(Math.Min(20, soakSeconds / 6.0));
                await LoadAsync(http, bot.Id, "parse", 32, warmUp, texts, cancellationToken);
                var afterWarmUp = WorkingSetMb();
                var soaked = await LoadAsync(http, bot.Id, "parse", 32, TimeSpan.FromSeconds(soakSeconds), texts, cancellationToken);
                var atEnd = WorkingSetMb();
                soakResult = new { seconds = soakSeconds, requests = soaked.Requests, errors = soaked.Errors, afterWarmUpMb = afterWarmUp, atEndMb = atEnd, growth = atEnd / afterWarmUp - 1 };
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"soak {soakSeconds} s at 32 clients: {soaked.Requests} requests, {soaked.Errors} errors; working set {afterWarmUp:0} MB after warm-up, {atEnd:0} MB at the end ({(atEnd / afterWarmUp - 1) * 100:+0.0;-0.0} %)"));
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { inProcessP50Ms = inProcessP50, runs = results, soak = soakResult }, Json));
            }

            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }

    private static double WorkingSetMb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Environment.WorkingSet / (1024.0 * 1024.0);
    }

    // The real studio composition without the UI, on a loopback port the system picks.
    private static async Task<WebApplication> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(StudioHost.CreateOptions([]));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Studio:DataDirectory"] = dataDirectory;
        builder.AddStudioStorage();
        builder.AddStudioInference();
        builder.AddStudioApi();
        builder.AddStudioRuntime();
        builder.AddStudioAccounts();
        // The benchmark sets up its bot, version and key itself, as the local operator, not as a signed-in user.
        builder.Services.AddSingleton<Studio.Data.Access.ICurrentActor, Studio.Data.Access.LocalOperator>();
        var app = builder.Build();
        await app.PrepareStorageAsync();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRuntimeBodyLimit();
        app.MapStudioApi();
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static async Task<LoadResult> LoadAsync(HttpClient http, string botId, string endpoint, int clients, TimeSpan duration, string[] texts, CancellationToken cancellationToken)
    {
        var stop = Stopwatch.StartNew();
        var latencies = new List<double>[clients];
        var errors = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = latencies[client] = [];
            var i = client * 7;
            while (stop.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var text = texts[i++ % texts.Length];
                var url = endpoint == "parse"
                    ? $"/api/bots/{botId}/production/parse"
                    : $"/api/bots/{botId}/production/conversations/load-{client}-{i / 4}/messages"; // a new conversation every four messages
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsJsonAsync(url, new { text }, cancellationToken);
                    await response.Content.LoadIntoBufferAsync(cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(endpoint, clients, all.Length, all.Length / stop.Elapsed.TotalSeconds, Latency.Percentile(all, 0.5), Latency.Percentile(all, 0.99), errors);
    }

    private sealed record LoadResult(string Endpoint, int Clients, int Requests, double RequestsPerSecond, double P50Ms, double P99Ms, int Errors);

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("studio-load-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // The database may still be closing; the system's temporary folder is cleaned anyway.
            }
        }
    }
}
