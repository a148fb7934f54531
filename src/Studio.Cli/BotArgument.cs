using System.CommandLine;
using Studio.Core.Documents;
using Studio.Data.Drafts;

namespace Studio.Cli;

/// <summary>
/// What <c>train</c>, <c>test</c>, <c>eval</c> and <c>publish</c> act on: a bot file (a path ending in .yaml, .yml or
/// .json, or any existing file), so a CI job can gate the file in its repository, or the id of a draft in the data folder.
/// </summary>
internal static class BotArgument
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static Argument<string> Create() => new("bot") { Description = "A bot file (.yaml, .yml or .json), or the id of a bot in the data folder." };

    public static bool IsFile(string value) =>
        File.Exists(value) || Extensions.Any(e => value.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The file's bot, validated as an import would be; null after printing why not (a missing file, or every
    /// problem as <c>file:line:column</c>). Its revision is 0: a file has no stored history.
    /// </summary>
    public static async Task<StoredBot?> ReadAsync(string path, long limit, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"{path}: error: the file does not exist.");
            return null;
        }

        try
        {
            var result = BotDocuments.Read(await BotFiles.ReadAsync(path, limit, cancellationToken), BotDocuments.FormatOf(path));
            if (result.Bot is { } bot)
            {
                return new StoredBot(bot, 0, File.GetLastWriteTimeUtc(path));
            }

            BotFiles.PrintProblems(Console.Error, path, result.Problems);
            await Console.Error.WriteLineAsync($"{result.Problems.Count} problem(s) found.");
            return null;
        }
        catch (Exception ex) when (ex is FileTooLargeException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"{path}: error: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// Opens the studio for <paramref name="bot"/> and loads it: a file without touching the data folder, an id from it.
    /// Null (nothing left open) after telling the user what is wrong.
    /// </summary>
    public static async Task<OpenedBot?> OpenAsync(string bot, string? dataDirectory, CancellationToken cancellationToken)
    {
        var isFile = IsFile(bot);
        var context = await CliContext.OpenAsync(dataDirectory, cancellationToken, storage: !isFile);
        var stored = isFile
            ? await ReadAsync(bot, context.Options.MaxUploadBytes, cancellationToken)
            : await context.FindBotAsync(bot, cancellationToken);
        if (stored is null)
        {
            await context.DisposeAsync();
            return null;
        }

        return new OpenedBot(context, stored);
    }
}
