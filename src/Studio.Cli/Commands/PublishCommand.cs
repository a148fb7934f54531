using System.CommandLine;
using Studio.Application.Publishing;
using Studio.Core.Documents;
using Studio.Data.Drafts;
using Studio.Data.Publishing;

namespace Studio.Cli.Commands;

/// <summary>
/// <c>studio publish &lt;bot&gt; [--alias] [--notes] [--override &lt;reason&gt;]</c> (a stored draft, or a bot file, imported
/// first as the bot's draft), <c>studio versions &lt;bot&gt;</c>,
/// <c>studio diff &lt;bot&gt; &lt;from&gt; &lt;to&gt;</c> and <c>studio alias &lt;bot&gt; &lt;name&gt; &lt;version&gt;</c>: publishing from a CI job.
/// </summary>
internal static class PublishCommand
{
    public static IEnumerable<Command> Create(Option<string?> dataDirectory)
    {
        yield return Publish(dataDirectory);
        yield return Versions(dataDirectory);
        yield return Diff(dataDirectory);
        yield return Alias(dataDirectory);
    }

    private static Command Publish(Option<string?> dataDirectory)
    {
        var bot = BotArgument.Create();
        var alias = new Option<string?>("--alias") { Description = "Point this alias (e.g. staging, production) at the new version." };
        var notes = new Option<string?>("--notes") { Description = "Release notes." };
        var overrideReason = new Option<string?>("--override") { Description = "Publish although conversation tests fail, recording this reason." };
        var command = new Command("publish", "Publishes the bot's draft as an immutable version after the gate (valid, trains, tests pass).") { bot, alias, notes, overrideReason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            var botOrFile = parse.GetRequiredValue(bot);
            if (await (BotArgument.IsFile(botOrFile) ? ImportAsync(context, botOrFile, cancellationToken) : context.FindBotAsync(botOrFile, cancellationToken)) is not { } stored)
            {
                return 1;
            }

            try
            {
                var version = await context.Get<Publisher>().PublishAsync(stored.Bot.Id, new PublishRequest(parse.GetValue(alias), parse.GetValue(notes), parse.GetValue(overrideReason)),
                    Environment.UserName, new Progress<string>(stage => Console.WriteLine(stage + " …")), cancellationToken);
                Console.WriteLine((version.Republished
                        ? $"'{version.BotId}' is unchanged since version {version.Number} (same content {version.ContentHash[..12]}…); no new version"
                        : $"published '{version.BotId}' version {version.Number} (revision {version.BotRevision}, content {version.ContentHash[..12]}…)")
                    + (parse.GetValue(alias) is { } a ? $"; {a} → {version.Number}" : ""));
                return 0;
            }
            catch (PublishRefusedException refused)
            {
                await Console.Error.WriteLineAsync("error: " + refused.Message);
                foreach (var failure in refused.Gate?.Failures ?? [])
                {
                    await Console.Error.WriteLineAsync("FAIL " + failure);
                }

                return 1;
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or InvalidOperationException)
            {
                // InvalidOperationException: a part trained elsewhere does not fit, e.g. the shipped sentiment head and a configured encoder.
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 1;
            }
        });
        return command;
    }

    // The file becomes the bot's draft (created, or replacing what is stored), so what is published is what the file says.
    private static async Task<StoredBot?> ImportAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        if (await BotArgument.ReadAsync(path, context.Options.MaxUploadBytes, cancellationToken) is null)
        {
            return null;
        }

        var stored = await context.Get<BotImporter>().ImportAsync(await BotFiles.ReadAsync(path, context.Options.MaxUploadBytes, cancellationToken),
            BotDocuments.FormatOf(path), replace: true, cancellationToken);
        Console.WriteLine($"imported {path} as the draft of '{stored.Bot.Id}' (revision {stored.Revision})");
        return stored;
    }

    private static Command Versions(Option<string?> dataDirectory)
    {
        var bot = new Argument<string>("bot") { Description = "The bot's id." };
        var command = new Command("versions", "Lists a bot's published versions and aliases.") { bot };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            var store = context.Get<VersionStore>();
            var botId = parse.GetRequiredValue(bot);
            var aliases = await store.AliasesAsync(botId, cancellationToken);
            foreach (var v in await store.ListAsync(botId, cancellationToken))
            {
                var pointing = aliases.Where(a => a.Version == v.Number).Select(a => a.Name).ToList();
                Console.WriteLine($"{v.Number,4}  {v.PublishedUtc:u}  revision {v.BotRevision,-4} {v.ContentHash[..12]}  {v.PublishedBy,-10} {(pointing.Count > 0 ? "[" + string.Join(", ", pointing) + "] " : "")}{v.Notes}");
            }

            return 0;
        });
        return command;
    }

    private static Command Diff(Option<string?> dataDirectory)
    {
        var bot = new Argument<string>("bot") { Description = "The bot's id." };
        var from = new Argument<int>("from") { Description = "The older version." };
        var to = new Argument<int>("to") { Description = "The newer version." };
        var command = new Command("diff", "Shows what changed between two published versions.") { bot, from, to };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            var store = context.Get<VersionStore>();
            var botId = parse.GetRequiredValue(bot);
            if (await store.FindAsync(botId, parse.GetRequiredValue(from), cancellationToken) is not { } a || await store.FindAsync(botId, parse.GetRequiredValue(to), cancellationToken) is not { } b)
            {
                await Console.Error.WriteLineAsync($"error: '{botId}' has no such version.");
                return 1;
            }

            Console.Write(VersionDiff.Between(a, b).ToText());
            return 0;
        });
        return command;
    }

    private static Command Alias(Option<string?> dataDirectory)
    {
        var bot = new Argument<string>("bot") { Description = "The bot's id." };
        var name = new Argument<string>("alias") { Description = "The alias, e.g. production." };
        var version = new Argument<int>("version") { Description = "The version it should point at." };
        var command = new Command("alias", "Points an alias at a version: a release or a rollback.") { bot, name, version };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            try
            {
                await context.Get<VersionStore>().MoveAliasAsync(parse.GetRequiredValue(bot), parse.GetRequiredValue(name), parse.GetRequiredValue(version), Environment.UserName, cancellationToken);
                Console.WriteLine($"{parse.GetRequiredValue(name)} → version {parse.GetRequiredValue(version)}");
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 1;
            }
        });
        return command;
    }
}
