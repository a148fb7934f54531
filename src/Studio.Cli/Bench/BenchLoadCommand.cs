using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Studio.Application.Publishing;
using Studio.Application.Runtime;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Core.Evaluation;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Inference.Comparison;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench load</c>: imports a bot (the banking template by default) into a temporary data folder, publishes it
/// once per setup (alias <c>s1</c>, <c>s2</c>, …), starts the web app on that folder as a child process on loopback with
/// the real runtime (keys, rate limits, transcripts), and drives <c>/parse</c> and <c>/messages</c> of each setup at
/// 1, 8 and 32 concurrent clients: throughput, p50, p99 and errors, next to the in-process time of the same
/// classification, and each setup's <c>/parse</c> throughput at 8 clients as a ratio to the first setup's. Before the server
/// starts, each setup is measured as <c>studio eval</c> measures it (the same messages, through the same pipeline), and with
/// <c>--accuracy-train</c>/<c>--accuracy-test</c> on a labelled split; the runtime's mean at one client is printed against it.
/// With <c>--soak</c>, keeps 32 clients on the first setup's <c>/parse</c> and compares the server's memory at the end
/// with its memory after warm-up.
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
        var setups = new Option<string>("--setups") { Description = "Comma-separated setups, each published and served under its own alias (s1, s2, …): ngram, encoder, cascade:ngram>encoder@0.7, ….", DefaultValueFactory = _ => "encoder" };
        var accuracyTrain = new Option<FileInfo?>("--accuracy-train") { Description = "Also measure each setup's accuracy as studio eval does: trained on this CSV (text,label), e.g. BANKING77's train.csv." };
        var accuracyTest = new Option<FileInfo?>("--accuracy-test") { Description = "…and tested on this CSV (text,label), e.g. BANKING77's test.csv." };
        var server = StudioServer.CreateOption();
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var nodes = new Option<int>("--nodes")
        {
            Description = "Drive the scaled-out layout instead: docs/deployment/scale-out.sh starts nginx, a studio and this many runtime nodes on PostgreSQL and Redis; "
                + "the largest --clients level holds two-turn conversations, and one node is killed a third of the way through the last run.",
            DefaultValueFactory = _ => 0,
        };
        var database = new Option<string>("--database")
        {
            Description = "With --nodes: the PostgreSQL server (Npgsql connection string; the role needs CREATEDB); the run makes and drops a database of its own.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("STUDIO_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=studio;Password=studio;Database=postgres",
        };
        var redis = new Option<string>("--redis") { Description = "With --nodes: the Redis server the nodes share.", DefaultValueFactory = _ => "127.0.0.1:6379" };
        var command = new Command("load", "Load and reliability of the runtime API on loopback, next to the in-process classification time.")
        {
            seconds, clients, soak, template, setups, accuracyTrain, accuracyTest, server, json, nodes, database, redis,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int[] levels;
            try
            {
                levels = [.. parse.GetRequiredValue(clients).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
            }
            catch (FormatException)
            {
                await Console.Error.WriteLineAsync("error: --clients takes whole numbers separated by commas, e.g. 1,8,32.");
                return 1;
            }

            if (parse.GetValue(nodes) is > 0 and var nodeCount)
            {
                return await ScaleOutBench.RunAsync(new ScaleOutBench.Settings(nodeCount, levels.Max(), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetRequiredValue(template),
                    parse.GetRequiredValue(server), parse.GetRequiredValue(database), parse.GetRequiredValue(redis), parse.GetValue(json)), cancellationToken);
            }

            var setupList = parse.GetRequiredValue(setups).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            using var data = new TemporaryFolder();
            await using var context = await CliContext.OpenAsync(data.Path, cancellationToken);
            if (await PrepareAsync(context, parse.GetRequiredValue(template), setupList, cancellationToken) is not { } prepared)
            {
                return 1;
            }

            var (bot, secret, served) = prepared;
            var messages = LoadMessages(bot);
            var texts = messages.Select(m => m.Text).ToArray();
            // What studio eval measures for each setup, in this run and before the server starts, so the two never share the CPUs:
            // the same messages through the same pipeline, and the accuracy on a labelled split when one is given.
            var evaluations = new Dictionary<string, Evaluation>();
            foreach (var (setup, alias, _) in served)
            {
                var evaluation = await EvaluateAsync(context, bot, setup, messages, parse.GetValue(accuracyTrain), parse.GetValue(accuracyTest), cancellationToken);
                evaluations[alias] = evaluation;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{setup} ({alias}): studio eval mean {evaluation.MeanMs:0.000} ms over {texts.Length} messages{(evaluation.Accuracy is { } accuracy ? $"; accuracy {accuracy * 100:0.00} % on {evaluation.AccuracySuite}" : "")}"));
            }

            await using var running = await StudioServer.StartAsync(parse.GetRequiredValue(server), data.Path, [], cancellationToken);
            if (running is null)
            {
                return 1;
            }

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var http = new HttpClient(handler) { BaseAddress = running.Address };
            http.DefaultRequestHeaders.Add("X-Api-Key", secret);
            var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
            Console.WriteLine($"serving '{bot.Id}' on {running.Address}");
            var results = new List<SetupLoad>();
            foreach (var (setup, alias, version) in served)
            {
                var inProcess = await Latency.MeasureAsync(texts, t => version.Pipeline.UnderstandAsync(t, cancellationToken), warmUp: 50);
                var inProcessP50 = Latency.Percentile(inProcess, 0.5);
                var paused = await PausedMeanAsync(version, texts, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{setup} ({alias}): in-process classification (intents, entities, sentiment) p50 {inProcessP50:0.000} ms over {texts.Length} messages; mean {paused:0.000} ms when each message follows a 1 ms pause, as one client's requests do"));
                Console.WriteLine($"{"endpoint",-10} {"clients",7} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"p50 / in-process",17}");
                await WarmUpAsync(http, bot.Id, alias, texts, cancellationToken);
                var runs = new List<LoadResult>();
                foreach (var endpoint in Endpoints)
                {
                    foreach (var level in levels)
                    {
                        var result = await LoadAsync(http, bot.Id, alias, endpoint, level, duration, texts, cancellationToken);
                        runs.Add(result);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{endpoint,-10} {level,7} {result.RequestsPerSecond,9:0} {result.P50Ms,8:0.00} {result.P99Ms,8:0.00} {result.Errors,7} {result.P50Ms / inProcessP50,16:0.00}×"));
                    }
                }

                var evaluation = evaluations[alias];
                var alone = runs.FirstOrDefault(r => r.Endpoint == "parse" && r.Clients == 1);
                var servedVsEval = alone?.ServerMeanMs / evaluation.MeanMs;
                if (alone is not null)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{setup}: /parse at 1 client, mean {alone.ServerMeanMs:0.000} ms in the runtime's pipeline (its replies' totalMs) against studio eval's {evaluation.MeanMs:0.000} ms: {servedVsEval:0.00}× (p50 {alone.ServerP50Ms:0.000} against {evaluation.P50Ms:0.000} ms: {alone.ServerP50Ms / evaluation.P50Ms:0.00}×); {alone.MeanMs:0.000} ms with HTTP on loopback"));
                }

                results.Add(new SetupLoad(setup, alias, inProcessP50, runs, evaluation, servedVsEval, paused));
            }

            var ratios = ParseRatiosAt8(results);
            foreach (var (setup, ratio) in ratios)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"/parse req/s at 8 clients, {setup} over {results[0].Setup}: {ratio:0.00}×"));
            }

            foreach (var result in results.Skip(1).Where(r => r.Eval.Accuracy is not null && results[0].Eval.Accuracy is not null))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"accuracy, {result.Alias} {result.Setup} against {results[0].Setup}: {(result.Eval.Accuracy - results[0].Eval.Accuracy) * 100:+0.00;-0.00} points"));
            }

            object? soakResult = null;
            if (parse.GetValue(soak) is > 0 and var soakSeconds)
            {
                var alias = results[0].Alias;
                var warmUp = TimeSpan.FromSeconds(Math.Min(20, soakSeconds / 6.0));
                await LoadAsync(http, bot.Id, alias, "parse", 32, warmUp, texts, cancellationToken);
                var afterWarmUp = running.WorkingSetMb;
                var soaked = await LoadAsync(http, bot.Id, alias, "parse", 32, TimeSpan.FromSeconds(soakSeconds), texts, cancellationToken);
                var atEnd = running.WorkingSetMb;
                soakResult = new { seconds = soakSeconds, requests = soaked.Requests, errors = soaked.Errors, afterWarmUpMb = afterWarmUp, atEndMb = atEnd, growth = atEnd / afterWarmUp - 1 };
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"soak {soakSeconds} s at 32 clients: {soaked.Requests} requests, {soaked.Errors} errors; server working set {afterWarmUp:0} MB after warm-up, {atEnd:0} MB at the end ({(atEnd / afterWarmUp - 1) * 100:+0.0;-0.0} %)"));
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    setups = results,
                    parseRequestsPerSecondAt8ClientsOverFirstSetup = ratios,
                    soak = soakResult,
                }, Json));
            }

            return 0;
        });
        return command;
    }

    // Through the application layer, as the local operator: the bot imported, one version per setup under its own
    // alias (past failing tests, since a setup is measured, not released), and a key for the calls.
    private static async Task<Prepared?> PrepareAsync(CliContext context, FileInfo botFile, string[] setups, CancellationToken cancellationToken)
    {
        if (await BotArgument.ReadAsync(botFile.FullName, context.Options.MaxUploadBytes, cancellationToken) is null)
        {
            return null;
        }

        if (setups.Length == 0)
        {
            await Console.Error.WriteLineAsync("error: --setups names no setup.");
            return null;
        }

        var stored = await context.Get<BotImporter>().ImportAsync(await BotFiles.ReadAsync(botFile.FullName, context.Options.MaxUploadBytes, cancellationToken),
            BotDocuments.FormatOf(botFile.Name), replace: false, cancellationToken);
        var served = new List<ServedSetup>();
        for (var i = 0; i < setups.Length; i++)
        {
            var alias = $"s{i + 1}";
            var bot = BotDocuments.Clone(stored.Bot);
            try
            {
                Studio.Core.Setups.BotSetup.Parse(setups[i]).ApplyTo(bot);
                stored = await context.Get<BotDraftStore>().SaveAsync(bot, stored.Revision, cancellationToken);
                await context.Get<Publisher>().PublishAsync(bot.Id, new PublishRequest(alias, $"load benchmark: {setups[i]}", "load benchmark"), "bench",
                    cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is ArgumentException or BotValidationException or PublishRefusedException)
            {
                await Console.Error.WriteLineAsync($"error: setup '{setups[i]}': {ex.Message}");
                return null;
            }

            served.Add(new ServedSetup(setups[i], alias, await context.Get<PublishedBots>().GetAsync(bot.Id, alias, cancellationToken)));
        }

        var (_, secret) = await context.Get<ApiKeyStore>().CreateAsync("bench", [stored.Bot.Id], 1_000_000, cancellationToken);
        return new Prepared(stored.Bot, secret, served);
    }

    // Labelled by alias and setup (a setup may be listed twice): how many times the first setup's /parse throughput at 8 clients each setup reaches.
    private static Dictionary<string, double?> ParseRatiosAt8(IReadOnlyList<SetupLoad> results)
    {
        static double? At8(SetupLoad s) => s.Runs.FirstOrDefault(r => r.Endpoint == "parse" && r.Clients == 8)?.RequestsPerSecond;
        var first = At8(results[0]);
        return results.ToDictionary(r => $"{r.Alias} {r.Setup}", r => first is > 0 && At8(r) is { } rate ? rate / first : (double?)null);
    }

    private static async Task<LoadResult> LoadAsync(HttpClient http, string botId, string alias, string endpoint, int clients, TimeSpan duration, string[] texts, CancellationToken cancellationToken)
    {
        var stop = Stopwatch.StartNew();
        var latencies = new List<double>[clients];
        var serverMs = new List<double>[clients];
        var errors = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = latencies[client] = [];
            var inServer = serverMs[client] = [];
            var i = client * 7;
            while (stop.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var text = texts[i++ % texts.Length];
                var url = endpoint == "parse"
                    ? $"/api/bots/{botId}/{alias}/parse"
                    : $"/api/bots/{botId}/{alias}/conversations/load-{client}-{i / 4}/messages"; // a new conversation every four messages
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsJsonAsync(url, new { text }, cancellationToken);
                    await response.Content.LoadIntoBufferAsync(cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    else if (endpoint == "parse")
                    {
                        using var reply = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                        inServer.Add(reply.RootElement.GetProperty("totalMs").GetDouble());
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
        var server = serverMs.SelectMany(l => l).Order().ToArray();
        return new LoadResult(endpoint, clients, all.Length, all.Length / stop.Elapsed.TotalSeconds, Latency.Percentile(all, 0.5), Latency.Percentile(all, 0.99), errors,
            all.Length == 0 ? 0 : all.Average(), server.Length == 0 ? null : server.Average(), server.Length == 0 ? null : Latency.Percentile(server, 0.5));
    }

    // Every message once, untimed, before a setup is measured, as studio eval warms each setup up before it times it: a
    // server answers nearly all its traffic long after the compilation, model loading and tiering of its first requests.
    private static async Task WarmUpAsync(HttpClient http, string botId, string alias, string[] texts, CancellationToken cancellationToken)
    {
        foreach (var text in texts)
        {
            using var response = await http.PostAsJsonAsync($"/api/bots/{botId}/{alias}/parse", new { text }, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
        }
    }

    // One client's requests reach the server with the core idle in between (the reply's round trip), and a sub-millisecond
    // pipeline then runs on cold caches: the same served pipeline, in this process, with a pause before each message shows how much.
    private static async Task<double> PausedMeanAsync(ServedVersion version, string[] texts, CancellationToken cancellationToken)
    {
        var total = 0.0;
        foreach (var text in texts)
        {
            await Task.Delay(1, cancellationToken);
            total += (await version.Pipeline.UnderstandAsync(text, cancellationToken)).TotalMilliseconds;
        }

        return total / texts.Length;
    }

    // The texts every setup is driven with, and measured on by studio eval: the bot's examples and test messages, each with its intent.
    private static List<(string Text, string Label)> LoadMessages(BotDefinition bot) =>
        [.. bot.Intents.SelectMany(i => i.PlainExamples().Select(e => (e, i.Name))).Concat(bot.Tests.SelectMany(t => t.Turns).Select(t => (t.User, t.Expect?.Intent ?? "")))];

    private static async Task<Evaluation> EvaluateAsync(CliContext context, BotDefinition bot, string setup, List<(string Text, string Label)> messages, FileInfo? train, FileInfo? test,
        CancellationToken cancellationToken)
    {
        var runner = context.Get<ComparisonRunner>();
        var parsed = context.Get<Studio.Inference.Serving.BotPipelineFactory>().Parse(setup);
        // A comparison tunes a cascade written without a threshold; the served one escalates at the default. Measure what is served.
        if (parsed.Intent.Cascade is { Threshold: null } open)
        {
            parsed = parsed with { Intent = Studio.Core.Setups.IntentSetup.Of(open.WithThreshold(open.EffectiveThreshold)) };
        }

        var timing = await runner.RunAsync(bot, [parsed], ComparisonSuite.FromLabelled(bot, "load messages", messages), tolerancePoints: 1, cancellationToken: cancellationToken);
        if ((train, test) is not ({ } trainFile, { } testFile))
        {
            return new Evaluation(timing.Results[0].MeanMs, timing.Results[0].P50Ms, null, null);
        }

        var accuracyBot = LabelledBot.Create("accuracy", trainFile.Name, LabelledCsv.Read(trainFile.FullName));
        var suite = ComparisonSuite.FromLabelled(accuracyBot, testFile.Name, LabelledCsv.Read(testFile.FullName));
        var accuracy = await runner.RunAsync(accuracyBot, [parsed], suite, tolerancePoints: 1, cancellationToken: cancellationToken);
        return new Evaluation(timing.Results[0].MeanMs, timing.Results[0].P50Ms, accuracy.Results[0].Accuracy, $"{testFile.Name} ({suite.Cases.Count} messages, trained on {trainFile.Name})");
    }

    private sealed record LoadResult(string Endpoint, int Clients, int Requests, double RequestsPerSecond, double P50Ms, double P99Ms, int Errors, double MeanMs, double? ServerMeanMs, double? ServerP50Ms);

    /// <summary>What studio eval measured for a setup in the same run: mean time per load message, and accuracy on a labelled split if asked.</summary>
    private sealed record Evaluation(double MeanMs, double P50Ms, double? Accuracy, string? AccuracySuite);

    private sealed record Prepared(BotDefinition Bot, string Secret, IReadOnlyList<ServedSetup> Served);

    private sealed record ServedSetup(string Setup, string Alias, ServedVersion Version);

    private sealed record SetupLoad(string Setup, string Alias, double InProcessP50Ms, IReadOnlyList<LoadResult> Runs, Evaluation Eval, double? ServedOverEvalMeanAt1Client, double InProcessPausedMeanMs);
}
