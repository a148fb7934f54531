using System.CommandLine;

namespace Studio.Cli.Bench;

/// <summary><c>studio bench</c>: the measurements behind the model ladder, printed with the ratios that travel between machines.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks: accuracy, latency and throughput of the model rungs.")
    {
        BenchIntentsCommand.Create(),
        BenchSentimentCommand.Create(),
        BenchLlmCommand.Create(),
        BenchLoadCommand.Create(),
        BenchRetrievalCommand.Create(),
        BenchActionCommand.Create(),
        BenchTeachCommand.Create(),
        BenchAnalyticsCommand.Create(),
        BenchKnowledgePolicyCommand.Create(),
    };
}
