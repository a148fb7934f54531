using System.CommandLine;
using Studio.Core.Documents;
using Studio.Data;
using Studio.Data.Drafts;

namespace Studio.Cli.Commands;

/// <summary><c>studio export &lt;bot&gt; &lt;file&gt;</c>: writes a draft as YAML, or JSON when the file ends in .json.</summary>
internal static class ExportCommand
{
    public static Command Create(Option<string?> dataDirectory)
    {
        var bot = new Argument<string>("bot") { Description = "The bot's id." };
        var file = new Argument<FileInfo>("file") { Description = "Where to write it (.yaml, .yml or .json)." };
        var command = new Command("export", "Writes a bot from the studio's database to a file.") { bot, file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var botId = parse.GetRequiredValue(bot);
            var info = parse.GetRequiredValue(file);
            var databaseFile = Path.Combine(Path.GetFullPath(CliContext.LoadOptions(parse.GetValue(dataDirectory)).DataDirectory), StudioDatabase.FileName);
            if (!File.Exists(databaseFile))
            {
                await Console.Error.WriteLineAsync($"error: there is no studio database at {databaseFile}; run from the studio's folder or pass --data-dir.");
                return 1;
            }

            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            var stored = await context.Get<BotDraftStore>().FindAsync(botId, cancellationToken);
            if (stored is null)
            {
                await Console.Error.WriteLineAsync($"error: there is no bot with id '{botId}' in {context.DataDirectory}.");
                return 1;
            }

            info.Directory?.Create();
            await File.WriteAllTextAsync(info.FullName, BotDocuments.Write(stored.Bot, BotDocuments.FormatOf(info.Name)), cancellationToken);
            Console.WriteLine($"Exported '{botId}' (revision {stored.Revision}) to {info}.");
            return 0;
        });
        return command;
    }
}
