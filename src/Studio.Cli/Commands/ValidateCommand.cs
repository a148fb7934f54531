using System.CommandLine;
using Studio.Core.Documents;

namespace Studio.Cli.Commands;

/// <summary><c>studio validate &lt;file&gt;</c>: exit 0 when the bot is valid, 1 with every problem printed otherwise.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A bot file (.yaml, .yml or .json)." };
        var command = new Command("validate", "Checks a bot file against the bot schema and rules, printing every problem.") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file).FullName;
            var display = parse.GetRequiredValue(file).ToString();
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"{display}: error: the file does not exist.");
                return 1;
            }

            try
            {
                var text = await BotFiles.ReadAsync(path, CliContext.LoadOptions().MaxUploadBytes, cancellationToken);
                var result = BotDocuments.Read(text, BotDocuments.FormatOf(path));
                if (result.Bot is { } bot)
                {
                    Console.WriteLine($"{display}: valid bot '{bot.Id}' ({bot.Intents.Count} intents, {bot.Intents.Sum(i => i.Examples.Count)} examples, {bot.Entities.Count} entities).");
                    return 0;
                }

                BotFiles.PrintProblems(Console.Error, display, result.Problems);
                await Console.Error.WriteLineAsync($"{result.Problems.Count} problem(s) found.");
                return 1;
            }
            catch (Exception tooLarge) when (tooLarge is FileTooLargeException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync($"error: {tooLarge.Message}");
                return 1;
            }
        });
        return command;
    }
}
