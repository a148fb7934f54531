using System.CommandLine;
using Studio.Core.Documents;
using Studio.Core.Evaluation;
using Studio.Data.Drafts;

namespace Studio.Cli.Commands;

/// <summary><c>studio import &lt;file&gt; [--replace]</c>: stores a valid bot file as a draft; an invalid one stores nothing.</summary>
internal static class ImportCommand
{
    public static Command Create(Option<string?> dataDirectory)
    {
        var file = new Argument<FileInfo>("file") { Description = "A bot file (.yaml, .yml or .json), or a CSV of labelled messages (text,label) with --id." };
        var replace = new Option<bool>("--replace") { Description = "Replace the stored draft if a bot with the same id exists." };
        var id = new Option<string?>("--id") { Description = "For a CSV: the new bot's id; each label becomes an intent with its messages as examples." };
        var command = new Command("import", "Imports a bot file into the studio's database.") { file, replace, id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var info = parse.GetRequiredValue(file);
            if (!info.Exists)
            {
                await Console.Error.WriteLineAsync($"{info}: error: the file does not exist.");
                return 1;
            }

            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            try
            {
                var text = await BotFiles.ReadAsync(info.FullName, context.Options.MaxUploadBytes, cancellationToken);
                var format = BotDocuments.FormatOf(info.Name);
                if (info.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
                {
                    if (parse.GetValue(id) is not { } botId)
                    {
                        await Console.Error.WriteLineAsync($"{info}: error: a CSV needs --id <bot-id> for the new bot.");
                        return 1;
                    }

                    using var reader = new StringReader(text);
                    text = BotDocuments.Write(LabelledBot.Create(botId, Path.GetFileNameWithoutExtension(info.Name), LabelledCsv.Read(reader, info.ToString())), BotDocumentFormat.Json);
                    format = BotDocumentFormat.Json;
                }

                var stored = await context.Get<BotImporter>().ImportAsync(text, format, parse.GetValue(replace), cancellationToken);
                Console.WriteLine($"Imported '{stored.Bot.Id}' ({stored.Bot.Intents.Count} intents) at revision {stored.Revision} into {context.DataDirectory}.");
                return 0;
            }
            catch (BotValidationException invalid)
            {
                BotFiles.PrintProblems(Console.Error, info.ToString(), invalid.Problems);
                await Console.Error.WriteLineAsync($"Not imported: {invalid.Problems.Count} problem(s).");
                return 1;
            }
            catch (Exception ex) when (ex is FileTooLargeException or InvalidDataException or BotAlreadyExistsException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
