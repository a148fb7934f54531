using System.Diagnostics;

namespace Studio.Tests.Support;

/// <summary>Runs the real <c>studio</c> binary built beside the tests, from the repository root.</summary>
public static class StudioCli
{
    public static string Dll { get; } = Path.Combine(RepoPaths.Root, "src", "Studio.Cli", "bin", RepoPaths.Configuration, "net10.0", "studio.dll");

    public static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        Assert.True(File.Exists(Dll), $"The CLI is not built at {Dll}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
