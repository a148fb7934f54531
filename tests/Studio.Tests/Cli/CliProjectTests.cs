using System.Xml.Linq;
using Studio.Tests.Support;

namespace Studio.Tests.Cli;

/// <summary>The command line is a host of the application layer, like the web app, not a client of the web app's code.</summary>
public class CliProjectTests
{
    [Fact]
    public void CliProject_DoesNotReferenceTheWebApp()
    {
        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Studio.Cli", "Studio.Cli.csproj"));

        var references = project.Descendants("ProjectReference").Select(r => (string?)r.Attribute("Include") ?? "").ToList();

        Assert.Contains(references, r => r.EndsWith("Studio.Application.csproj", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.Contains("Studio.Web", StringComparison.Ordinal));
    }
}
