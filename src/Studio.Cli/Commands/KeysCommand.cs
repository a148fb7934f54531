using System.CommandLine;
using Studio.Data.Publishing;

namespace Studio.Cli.Commands;

/// <summary><c>studio keys create|list|revoke</c>: runtime API keys, the secret printed once.</summary>
internal static class KeysCommand
{
    public static Command Create(Option<string?> dataDirectory)
    {
        var name = new Option<string>("--name") { Description = "What the key is for.", Required = true };
        var bots = new Option<string?>("--bots") { Description = "Comma-separated bot ids the key may call (default: every bot)." };
        var rate = new Option<int>("--rpm") { Description = "Requests per minute allowed.", DefaultValueFactory = _ => ApiKeyStore.DefaultRequestsPerMinute };
        var origins = new Option<string?>("--web-origins")
        {
            Description = "Makes a publishable key for the web chat: the comma-separated origins of the pages that may use it (with --bots naming one bot).",
        };
        var alias = new Option<string>("--alias") { Description = "The alias a publishable key talks to.", DefaultValueFactory = _ => "production" };
        var create = new Command("create", "Creates a key and prints it once; only its hash is stored (a publishable key is public, and kept).") { name, bots, rate, origins, alias };
        create.SetAction(async (parse, cancellationToken) =>
        {
            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            var scope = parse.GetValue(bots)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            try
            {
                if (parse.GetValue(origins) is { } web)
                {
                    var bot = scope is [var one] ? one : throw new ArgumentException("A publishable key names one bot: --bots <bot id>.");
                    var rpm = parse.GetResult(rate) is { Implicit: false } ? parse.GetValue(rate) : 600;
                    var page = await context.Get<ApiKeyStore>().CreatePublishableAsync(parse.GetRequiredValue(name), bot, parse.GetRequiredValue(alias),
                        web.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), rpm, cancellationToken: cancellationToken);
                    Console.WriteLine($"web chat key {page.Id} '{page.Name}' for {page.Bots}@{page.Alias} from {page.AllowedOrigins}. The tag:");
                    Console.WriteLine($"<script src=\"https://<studio>/widget.js\" data-bot=\"{page.Bots}\" data-alias=\"{page.Alias}\" data-key=\"{page.PublicKey}\" async></script>");
                    return 0;
                }

                var (key, secret) = await context.Get<ApiKeyStore>().CreateAsync(parse.GetRequiredValue(name), scope, parse.GetValue(rate), cancellationToken);
                Console.WriteLine($"key {key.Id} '{key.Name}' for {key.Bots}, {key.RequestsPerMinute} requests/minute. Store it now; it is not shown again:");
                Console.WriteLine(secret);
                return 0;
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 1;
            }
        });

        var list = new Command("list", "Lists keys (never their secrets).");
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            foreach (var k in await context.Get<ApiKeyStore>().ListAsync(cancellationToken))
            {
                var web = k.IsPublishable ? $"  web chat @{k.Alias} from {k.AllowedOrigins}" : "";
                Console.WriteLine($"{k.Id,4}  {k.Prefix}…  {k.Name,-20} {k.Bots,-20} {k.RequestsPerMinute,6}/min  {(k.RevokedUtc is { } r ? $"revoked {r:u}" : "active")}{web}");
            }

            return 0;
        });

        var id = new Argument<long>("id") { Description = "The key's number from 'studio keys list'." };
        var revoke = new Command("revoke", "Revokes a key; calls with it are refused within ten seconds.") { id };
        revoke.SetAction(async (parse, cancellationToken) =>
        {
            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            if (!await context.Get<ApiKeyStore>().RevokeAsync(parse.GetRequiredValue(id), cancellationToken))
            {
                await Console.Error.WriteLineAsync("error: no active key with that number.");
                return 1;
            }

            Console.WriteLine("revoked");
            return 0;
        });

        return new Command("keys", "Runtime API keys.") { create, list, revoke };
    }
}
