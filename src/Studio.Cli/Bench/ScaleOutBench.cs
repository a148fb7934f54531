using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Studio.Application.Publishing;
using Studio.Core.Documents;
using Studio.Data.Drafts;
using Studio.Data.Publishing;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench load --nodes N</c>: the scaled-out layout as <c>docs/deployment/scale-out.sh</c> starts it (nginx
/// in front of a studio and N runtime nodes, one PostgreSQL database, one Redis), driven by clients that each hold
/// conversations of two turns (a lost card, then its digits), so every second turn needs the state the first left,
/// wherever nginx sends it. Measures turns a second through one process and through the proxy; how long a move of an
/// alias, made in the studio's API, takes to be served by every node; and, with one node killed a third of the way
/// through a run, how many turns are lost and how many conversations lose their state (clients retry a failed
/// request once).
/// </summary>
internal static class ScaleOutBench
{
    private const string Alias = "production";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public sealed record Settings(int Nodes, int Clients, TimeSpan Duration, FileInfo Bot, FileInfo Server, string Database, string Redis, bool Json);

    public static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine("docs", "deployment", "scale-out.sh")))
        {
            await Console.Error.WriteLineAsync("error: run from the repository's root: docs/deployment/scale-out.sh starts the layout.");
            return 1;
        }

        // A database of this run's own on the server --database names, dropped at the end.
        var database = new NpgsqlConnectionStringBuilder(settings.Database) { Database = $"studio_bench_{Guid.NewGuid():N}" }.ConnectionString;
        var password = $"Bench-{Guid.NewGuid():N}";
        var shared = new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgresql",
            ["Database__ConnectionString"] = database,
            ["Redis__Configuration"] = settings.Redis,
            ["Studio__Admin__Email"] = "bench@studio.local",
            ["Studio__Admin__Password"] = password,
        };
        foreach (var (key, value) in shared)
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        using var data = new TemporaryFolder();
        try
        {
            try
            {
                await SqlAsync(settings.Database, $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(database).Database}\"");
            }
            catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"error: --database ({Studio.Data.DatabaseProviders.Describe(settings.Database)}) cannot make the benchmark's database: {ex.Message}");
                return 1;
            }

            var (botId, secret, newer) = await PrepareAsync(data.Path, settings.Bot, cancellationToken);
            var layout = await Layout.StartAsync(settings, Path.Combine(data.Path, "run"), cancellationToken);
            if (layout is null)
            {
                return 1;
            }

            try
            {
                return await MeasureAsync(settings, layout, botId, secret, newer, password, cancellationToken);
            }
            finally
            {
                await layout.StopAsync();
            }
        }
        finally
        {
            await DropAsync(settings.Database, database);
        }
    }

    private static async Task<int> MeasureAsync(Settings settings, Layout layout, string botId, string secret, int newer, string password, CancellationToken cancellationToken)
    {
        Console.WriteLine($"layout: nginx on {layout.Proxy}, studio on {layout.Studio}, runtime nodes {string.Join(", ", layout.Nodes)}; {settings.Clients} clients, two-turn conversations");
        var single = await DriveAsync(layout.Studio, botId, secret, settings.Clients, settings.Duration, null, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one process (the studio, directly): {single.TurnsPerSecond:0} turns/s, p50 {single.P50Ms:0.0} ms, {single.Lost} lost, {single.StateLost} lost their state"));
        var cluster = await DriveAsync(layout.Proxy, botId, secret, settings.Clients, settings.Duration, null, cancellationToken);
        var perNode = cluster.TurnsPerSecond / settings.Nodes;
        var efficiency = cluster.TurnsPerSecond / single.TurnsPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"nginx and {settings.Nodes} nodes: {cluster.TurnsPerSecond:0} turns/s, {perNode:0} per node, p50 {cluster.P50Ms:0.0} ms; efficiency {efficiency:0.00} of one process on the same {Environment.ProcessorCount} cores (the nodes share them, so this is not a speed-up)"));

        var moves = await MoveAliasAsync(layout, botId, secret, newer, password, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alias moved in the studio's API to version {newer}: served by {string.Join(", ", moves.Select((ms, i) => $"node {i + 1} after {ms:0} ms"))} (target: within 1,000 ms)"));

        var victim = layout.NodePids[0];
        var killed = await DriveAsync(layout.Proxy, botId, secret, settings.Clients, settings.Duration, (settings.Duration / 3, () => Kill(victim)), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"node 1 killed at {killed.KilledAtSeconds:0.0} s of {settings.Duration.TotalSeconds:0}: {killed.Turns} turns in {killed.Conversations} conversations, {killed.Retried} retried once, {killed.Lost} lost, {killed.StateLost} conversations lost their state; errors: {killed.Lost + killed.StateLost}"));

        if (killed.Lost > 0 && File.Exists(Path.Combine(layout.Run, "nginx-error.log")))
        {
            // Why nginx could not answer, for whoever reads the run: its own log's last lines.
            Console.Error.WriteLine($"nginx's error log, last lines:{Environment.NewLine}{string.Join(Environment.NewLine, File.ReadLines(Path.Combine(layout.Run, "nginx-error.log")).TakeLast(12))}");
        }

        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                nodes = settings.Nodes,
                clients = settings.Clients,
                cores = Environment.ProcessorCount,
                singleProcess = single,
                cluster,
                perNodeTurnsPerSecond = perNode,
                efficiency,
                aliasMoveServedMs = moves,
                nodeKilled = killed,
                errors = killed.Lost + killed.StateLost,
            }, Json));
        }

        return killed.Lost + killed.StateLost == 0 ? 0 : 1;
    }

    // The bot, two versions (the alias on the first) and a key, written through the application layer to the shared database.
    private static async Task<(string BotId, string Secret, int Newer)> PrepareAsync(string dataDirectory, FileInfo botFile, CancellationToken cancellationToken)
    {
        await using var context = await CliContext.OpenAsync(dataDirectory, cancellationToken);
        var stored = await context.Get<BotImporter>().ImportAsync(await BotFiles.ReadAsync(botFile.FullName, context.Options.MaxUploadBytes, cancellationToken),
            BotDocuments.FormatOf(botFile.Name), replace: false, cancellationToken);
        var publisher = context.Get<Publisher>();
        await publisher.PublishAsync(stored.Bot.Id, new PublishRequest(Alias, "scale-out benchmark", "load benchmark"), "bench", cancellationToken: cancellationToken);
        var changed = BotDocuments.Clone(stored.Bot);
        changed.Description = $"{changed.Description} (second version)";
        await context.Get<BotDraftStore>().SaveAsync(changed, stored.Revision, cancellationToken);
        var newer = await publisher.PublishAsync(stored.Bot.Id, new PublishRequest("candidate", "scale-out benchmark, second version", "load benchmark"), "bench", cancellationToken: cancellationToken);
        var (_, secret) = await context.Get<ApiKeyStore>().CreateAsync("bench", [stored.Bot.Id], 1_000_000, cancellationToken);
        return (stored.Bot.Id, secret, newer.Number);
    }

    /// <summary>Signs in to the studio through the proxy, moves the alias, and times until each node serves the new version.</summary>
    private static async Task<double[]> MoveAliasAsync(Layout layout, string botId, string secret, int newer, string password, CancellationToken cancellationToken)
    {
        using var studio = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = layout.Proxy };
        studio.DefaultRequestHeaders.Add("Origin", layout.Proxy.GetLeftPart(UriPartial.Authority));
        var page = await studio.GetStringAsync("/account/login", cancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using (var signIn = await studio.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "bench@studio.local", ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }), cancellationToken))
        {
            if (signIn.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.OK))
            {
                throw new InvalidOperationException($"signing in to the studio answered {(int)signIn.StatusCode}");
            }
        }

        var nodes = layout.Nodes.Select(n => new HttpClient { BaseAddress = n }).ToArray();
        foreach (var node in nodes)
        {
            node.DefaultRequestHeaders.Add("X-Api-Key", secret);
        }

        try
        {
            var moved = await studio.PutAsJsonAsync($"/api/studio/bots/{botId}/aliases/{Alias}", new { version = newer }, cancellationToken);
            moved.EnsureSuccessStatusCode();
            var clock = Stopwatch.StartNew();
            return await Task.WhenAll(nodes.Select(async node =>
            {
                while (clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    using var parsed = await node.PostAsJsonAsync($"/api/bots/{botId}/{Alias}/parse", new { text = "I lost my card" }, cancellationToken);
                    if (parsed.IsSuccessStatusCode && (await parsed.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("version").GetInt32() == newer)
                    {
                        return clock.Elapsed.TotalMilliseconds;
                    }

                    await Task.Delay(5, cancellationToken);
                }

                return double.PositiveInfinity;
            }));
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    private static async Task<Drive> DriveAsync(Uri address, string botId, string secret, int clients, TimeSpan duration, (TimeSpan At, Action Act)? kill, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var clock = Stopwatch.StartNew();
        double? killedAt = null;
        var killer = kill is { } k
            ? Task.Run(async () =>
            {
                await Task.Delay(k.At, cancellationToken);
                k.Act();
                killedAt = clock.Elapsed.TotalSeconds;
            }, cancellationToken)
            : Task.CompletedTask;
        var counts = new Counts();
        var latencies = new List<double>[clients];
        // Letters only: a run of digits in a conversation id reads as a phone number, and personal data is refused as an id.
        var run = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + (b % 26))));
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = latencies[client] = [];
            for (var n = 0; clock.Elapsed < duration && !cancellationToken.IsCancellationRequested; n++)
            {
                var conversation = $"{run}-c{client}-n{n}";
                var digits = ((client * 7919) + n).ToString("D4", CultureInfo.InvariantCulture)[^4..];
                Interlocked.Increment(ref counts.Conversations);
                if (await TurnAsync(http, botId, conversation, "I've lost my card somewhere", counts, mine, cancellationToken) is null)
                {
                    continue;
                }

                if (await TurnAsync(http, botId, conversation, $"it ends in {digits}", counts, mine, cancellationToken) is { } second
                    && !(second.GetProperty("slots").TryGetProperty("card_last_four", out var slot) && slot.GetString() == digits))
                {
                    Interlocked.Increment(ref counts.StateLost);
                }
            }
        }));
        await killer;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Drive(counts.Turns, counts.Conversations, counts.Turns / clock.Elapsed.TotalSeconds, Latency.Percentile(all, 0.5), counts.Retried, counts.Lost, counts.StateLost, killedAt);
    }

    // One turn; a failed connection or a 5xx (a node gone mid-request) is tried once more, as the issue's clients do.
    private static async Task<JsonElement?> TurnAsync(HttpClient http, string botId, string conversation, string text, Counts counts, List<double> latencies, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.PostAsJsonAsync($"/api/bots/{botId}/{Alias}/conversations/{conversation}/messages", new { text }, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var reply = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref counts.Turns);
                    return reply;
                }

                if ((int)response.StatusCode >= 500 && attempt == 1 && Interlocked.Increment(ref counts.Failed) <= 3)
                {
                    Console.Error.WriteLine($"failed again: {(int)response.StatusCode} {(await response.Content.ReadAsStringAsync(cancellationToken)).ReplaceLineEndings(" ")}");
                }

                if ((int)response.StatusCode < 500)
                {
                    // Refused for a reason a retry does not change; the first such refusal is shown.
                    if (Interlocked.Increment(ref counts.Refused) == 1)
                    {
                        Console.Error.WriteLine($"refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    }

                    break;
                }
            }
            catch (HttpRequestException ex)
            {
                if (attempt == 1 && Interlocked.Increment(ref counts.Failed) <= 3)
                {
                    Console.Error.WriteLine($"failed again: {ex.Message} {ex.InnerException?.Message}");
                }
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // No answer within the client's timeout: a failed attempt like any other.
            }

            if (attempt == 0)
            {
                Interlocked.Increment(ref counts.Retried);
            }
        }

        Interlocked.Increment(ref counts.Lost);
        return null;
    }

    // SIGKILL, as a crashed machine: no shutdown, in-flight requests cut.
    private static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }

    private static async Task SqlAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task DropAsync(string server, string database)
    {
        try
        {
            await Studio.Data.DatabaseProviders.DropPostgreSqlDatabaseAsync(server, database);
        }
        catch (NpgsqlException ex)
        {
            await Console.Error.WriteLineAsync($"warning: the benchmark's database was not dropped: {ex.Message}");
        }
    }

    private sealed class Counts
    {
        public int Turns;
        public int Conversations;
        public int Retried;
        public int Lost;
        public int StateLost;
        public int Refused;
        public int Failed;
    }

    public sealed record Drive(int Turns, int Conversations, double TurnsPerSecond, double P50Ms, int Retried, int Lost, int StateLost, double? KilledAtSeconds);

    /// <summary>The processes <c>scale-out.sh</c> started, found by the pid files it writes.</summary>
    private sealed class Layout(string run, Uri proxy, Uri studio, Uri[] nodes, int[] nodePids)
    {
        public string Run { get; } = run;

        public Uri Proxy { get; } = proxy;

        public Uri Studio { get; } = studio;

        public Uri[] Nodes { get; } = nodes;

        public int[] NodePids { get; } = nodePids;

        public static async Task<Layout?> StartAsync(Settings settings, string run, CancellationToken cancellationToken)
        {
            var proxy = $"127.0.0.1:{StudioServer.FreePort()}";
            var studio = $"127.0.0.1:{StudioServer.FreePort()}";
            var nodes = Enumerable.Range(0, settings.Nodes).Select(_ => $"127.0.0.1:{StudioServer.FreePort()}").ToArray();
            var exit = await ScriptAsync("start", new Dictionary<string, string>
            {
                ["STUDIO_DATABASE"] = Environment.GetEnvironmentVariable("Database__ConnectionString")!,
                ["STUDIO_REDIS"] = settings.Redis,
                ["STUDIO_PROXY"] = proxy,
                ["STUDIO_STUDIO"] = studio,
                ["STUDIO_NODES"] = string.Join(' ', nodes),
                ["STUDIO_RUN"] = run,
                ["STUDIO_WEB"] = settings.Server.FullName,
            }, cancellationToken);
            if (exit != 0)
            {
                await Console.Error.WriteLineAsync($"error: docs/deployment/scale-out.sh start failed ({exit}); logs in {run}");
                await ScriptAsync("stop", new Dictionary<string, string> { ["STUDIO_RUN"] = run }, CancellationToken.None);
                return null;
            }

            var pids = Enumerable.Range(1, settings.Nodes).Select(i => int.Parse(File.ReadAllText(Path.Combine(run, $"node{i}.pid")).Trim(), CultureInfo.InvariantCulture)).ToArray();
            return new Layout(run, new Uri($"http://{proxy}"), new Uri($"http://{studio}"), [.. nodes.Select(n => new Uri($"http://{n}"))], pids);
        }

        public Task<int> StopAsync() => ScriptAsync("stop", new Dictionary<string, string> { ["STUDIO_RUN"] = Run }, CancellationToken.None);

        private static async Task<int> ScriptAsync(string verb, Dictionary<string, string> environment, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo("bash") { UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine("docs", "deployment", "scale-out.sh"));
            start.ArgumentList.Add(verb);
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }
    }
}
