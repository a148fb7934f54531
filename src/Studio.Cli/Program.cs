using System.CommandLine;
using Microsoft.Extensions.Options;
using Studio.Cli;
using Studio.Cli.Commands;

var dataDirectory = new Option<string?>("--data-dir")
{
    Description = "The studio's data folder (default: Studio:DataDirectory from ./appsettings.json, else ./data).",
    Recursive = true,
};

var root = new RootCommand("Studio: design, test and serve conversational bots from the command line.")
{
    dataDirectory,
    ValidateCommand.Create(),
    ImportCommand.Create(dataDirectory),
    ExportCommand.Create(dataDirectory),
    TrainCommand.Create(dataDirectory),
    TestCommand.Create(dataDirectory),
    EvalCommand.Create(dataDirectory),
    LadderCommand.Create(dataDirectory),
    KeysCommand.Create(dataDirectory),
    SeedCommand.Create(dataDirectory),
    Studio.Cli.Bench.BenchCommand.Create(),
    Studio.Cli.Sentiment.SentimentCommand.Create(),
};
foreach (var command in PublishCommand.Create(dataDirectory))
{
    root.Subcommands.Add(command);
}

try
{
    // Our own handler for settings, so a wrong Encoder path reads as a message, not a stack trace.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OptionsValidationException invalid)
{
    await Console.Error.WriteLineAsync("error: " + string.Join(" ", invalid.Failures));
    return 1;
}
catch (Studio.Core.ServerUnreachableException unreachable)
{
    await Console.Error.WriteLineAsync("error: " + unreachable.Message);
    return 1;
}
catch (OperationCanceledException)
{
    return 130; // Ctrl+C, as shells report it
}
catch (Exception unexpected)
{
    // As the default handler would: the whole exception, since it is a fault to report.
    await Console.Error.WriteLineAsync(unexpected.ToString());
    return 1;
}
