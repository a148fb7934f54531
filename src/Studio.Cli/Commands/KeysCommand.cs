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
        var create = new Command("create", "Creates a key and prints it once; only its hash is stored.") { name, bots, rate };
        create.SetAction(async (parse, cancellationToken) =>
        {
            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            var scope = parse.GetValue(bots)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            try
            {
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
                Console.WriteLine($"{k.Id,4}  {k.Prefix}…  {k.Name,-20} {k.Bots,-20} {k.RequestsPerMinute,6}/min  {(k.RevokedUtc is { } r ? $"revoked {r:u}" : "active")}");
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
