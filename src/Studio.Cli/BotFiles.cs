using Studio.Core.Documents;

namespace Studio.Cli;

/// <summary>Reading bot files from disk with the same size limit and messages as an upload in the studio.</summary>
internal static class BotFiles
{
    public static async Task<string> ReadAsync(string path, long limit, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await LimitedText.ReadAsync(stream, path, stream.CanSeek ? stream.Length : null, limit, cancellationToken);
    }

    /// <summary>Prints problems as <c>file:line:column: message (path)</c>, the shape editors and CI logs link up.</summary>
    public static void PrintProblems(TextWriter output, string path, IEnumerable<BotProblem> problems)
    {
        foreach (var problem in problems)
        {
            output.WriteLine(problem.Line is { } line
                ? $"{path}:{line}:{problem.Column}: error: {problem.Message} ({problem.JsonPath})"
                : $"{path}: error: {problem.Message} ({problem.JsonPath})");
        }
    }
}
