using System.CommandLine;
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
    KeysCommand.Create(dataDirectory),
    Studio.Cli.Bench.BenchCommand.Create(),
    Studio.Cli.Sentiment.SentimentCommand.Create(),
};
foreach (var command in PublishCommand.Create(dataDirectory))
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
