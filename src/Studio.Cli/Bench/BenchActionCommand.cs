using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Studio.Application;
using Studio.Application.Actions;
using Studio.Core.Bots;
using Studio.Core.Conversations;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench action</c>: what an action node adds to a turn beyond its endpoint's own time. A JSON endpoint on
/// loopback is called three ways, one call at a time: bare (a plain HttpClient call and a JSON parse, the endpoint's
/// own time as any client sees it), as an action (templates, resilience handler, address check, size limit, JSON
/// paths into slots), and as a whole turn through a flow with the action node, against the same turn without it.
/// </summary>
internal static class BenchActionCommand
{
    private const string Answer = """{"account":"12345678","available":{"amount":"1,234.50","currency":"EUR"},"cards":[{"id":"c1"},{"id":"c2"}]}""";

    public static Command Create()
    {
        var calls = new Option<int>("--calls") { Description = "Calls timed each way.", DefaultValueFactory = _ => 1000 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var command = new Command("action", "Measures what an action node adds to a turn beyond its endpoint's own time, on loopback.") { calls, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = Math.Max(10, parse.GetValue(calls));
            var port = StudioServer.FreePort();
            using var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var serving = ServeAsync(listener, stop.Token);

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Actions:AllowedHosts:0"] = "127.0.0.1" });
            builder.AddStudioActions();
            using var host = builder.Build();
            var actions = host.Services.GetRequiredService<WebhookActions>();
            var action = new ActionDefinition
            {
                Name = "check_balance",
                Url = $"http://127.0.0.1:{port}/accounts/{{account}}/balance",
                Map = new() { ["balance"] = "$.available.amount", ["currency"] = "$.available.currency" },
            };
            var slots = new Dictionary<string, string> { ["account"] = "12345678" };
            var inputs = Enumerable.Range(0, count).ToArray();

            using var bare = new HttpClient(new SocketsHttpHandler());
            var bareTimes = await Latency.MeasureAsync(inputs, async _ =>
            {
                using var document = JsonDocument.Parse(await bare.GetStringAsync($"http://127.0.0.1:{port}/accounts/12345678/balance", cancellationToken));
            }, warmUp: 50);
            var actionTimes = await Latency.MeasureAsync(inputs, async _ =>
            {
                if (!(await actions.CallAsync(action, slots, cancellationToken)).Succeeded)
                {
                    throw new InvalidOperationException("The action failed against the loopback endpoint.");
                }
            }, warmUp: 50);
            var withAction = new ConversationEngine(Bot(action, withAction: true), actions: actions.Caller);
            var without = new ConversationEngine(Bot(action, withAction: false), actions: actions.Caller);
            var understood = new TurnUnderstanding("balance", 0.95f, false, [], "neutral", 0);
            var turnWith = await Latency.MeasureAsync(inputs, _ => withAction.HandleAsync(State(), "my balance", understood, cancellationToken), warmUp: 50);
            var turnWithout = await Latency.MeasureAsync(inputs, _ => without.HandleAsync(State(), "my balance", understood, cancellationToken), warmUp: 50);
            await stop.CancelAsync();
            listener.Stop();
            await serving;

            var result = new
            {
                calls = count,
                bareMeanMs = bareTimes.Average(),
                bareP50Ms = Latency.Percentile(bareTimes, 0.5),
                actionMeanMs = actionTimes.Average(),
                actionP50Ms = Latency.Percentile(actionTimes, 0.5),
                actionOverMs = actionTimes.Average() - bareTimes.Average(),
                actionOverBare = actionTimes.Average() / bareTimes.Average(),
                turnWithActionMeanMs = turnWith.Average(),
                turnWithoutActionMeanMs = turnWithout.Average(),
                turnOverEndpointMs = turnWith.Average() - turnWithout.Average() - bareTimes.Average(),
                targetMs = 2.0,
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                endpoint alone (HttpClient + JSON parse): mean {result.bareMeanMs:0.000} ms, p50 {result.bareP50Ms:0.000} ms over {count} calls
                as an action:                             mean {result.actionMeanMs:0.000} ms, p50 {result.actionP50Ms:0.000} ms ({result.actionOverBare:0.00}× the endpoint alone)
                a turn with the action node:              mean {result.turnWithActionMeanMs:0.000} ms; without it {result.turnWithoutActionMeanMs:0.000} ms
                the action adds {result.turnOverEndpointMs:0.000} ms to a turn beyond the endpoint's own time (target: at most {result.targetMs:0} ms)
                """));
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result));
            }

            return 0;
        });
        return command;
    }

    private static ConversationState State() => new() { Slots = { ["account"] = "12345678" } };

    private static BotDefinition Bot(ActionDefinition action, bool withAction) => new()
    {
        Id = "bench-action",
        Name = "Action bench",
        Intents = [new Intent { Name = "balance", Examples = ["balance"] }],
        Responses = [new ResponseTemplate { Name = "say_balance", Variations = ["Your balance is {balance|unknown} {currency|}."] }],
        Actions = [action],
        Flows =
        [
            new Flow
            {
                Name = "balance",
                Nodes =
                [
                    new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "balance", Next = withAction ? "call" : "say" },
                    new() { Id = "call", Type = FlowNodeType.Action, Action = action.Name, Next = "say", OnError = "say" },
                    new() { Id = "say", Type = FlowNodeType.Say, Response = "say_balance", Next = "end" },
                    new() { Id = "end", Type = FlowNodeType.End },
                ],
            },
        ],
    };

    private static async Task ServeAsync(HttpListener listener, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(Answer);
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, cancellationToken);
            context.Response.Close();
        }
    }
}
