using System.Diagnostics;

namespace Studio.Tests.Support;

/// <summary>The real <c>studio</c> binary, run from the repository root as a team's CI job would.</summary>
public static class StudioCli
{
    public static string Dll { get; } = Path.Combine(RepoPaths.Root, "src", "Studio.Cli", "bin", RepoPaths.Configuration, "net10.0", "studio.dll");

    public static Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <param name="environment">Variables for the child only, e.g. <c>Encoder__ModelPath</c>.</param>
    /// <param name="args">The command line.</param>
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(args);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // Generous: the benchmark test starts the web app as well, on two shared cores.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>How to start the CLI with <paramref name="args"/>, its output redirected, for a test that drives the process itself.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        Assert.True(File.Exists(Dll), $"The CLI is not built at {Dll}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}
