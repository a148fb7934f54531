using System.Diagnostics;
using Studio.Tests.Support;

namespace Studio.Tests.ScaleOut;

/// <summary>The deployment's nginx configuration, filled in as <c>scale-out.sh</c> fills it, is one nginx accepts.</summary>
public sealed class DeploymentTests
{
    [Fact]
    public void TheNginxTemplate_FilledInForTwoNodes_PassesNginxsOwnCheck()
    {
        using var run = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(run.Path, "nginx-tmp"));
        var template = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "deployment", "nginx.conf.template"));
        var config = template.Replace("@RUN@", run.Path, StringComparison.Ordinal).Replace("@LISTEN@", "127.0.0.1:18080", StringComparison.Ordinal)
            .Replace("@STUDIO@", "127.0.0.1:15100", StringComparison.Ordinal)
            .Replace("@NODES@", "server 127.0.0.1:15101 max_fails=1 fail_timeout=5s; server 127.0.0.1:15102 max_fails=1 fail_timeout=5s; ", StringComparison.Ordinal);
        File.WriteAllText(run.File("nginx.conf"), config);

        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed; run .ci/run once, or: apt-get install -y nginx-light");
        using var check = Process.Start(new ProcessStartInfo(nginx, ["-t", "-p", run.Path, "-c", run.File("nginx.conf")]) { RedirectStandardError = true, UseShellExecute = false })!;
        var said = check.StandardError.ReadToEnd();
        check.WaitForExit();
        Assert.True(check.ExitCode == 0, said);
        Assert.Contains("test is successful", said, StringComparison.Ordinal);
    }

    [Fact]
    public void TheScript_RefusesToStartWithoutADatabase_SayingWhichSetting()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "docs", "deployment", "scale-out.sh"), "start"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("STUDIO_DATABASE");
        using var script = Process.Start(start)!;
        var said = script.StandardError.ReadToEnd();
        script.WaitForExit();
        Assert.NotEqual(0, script.ExitCode);
        Assert.Contains("STUDIO_DATABASE", said, StringComparison.Ordinal);
    }
}
