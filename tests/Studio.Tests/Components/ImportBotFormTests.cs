using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Core;
using Studio.Data.Drafts;
using Studio.Tests.Support;
using Studio.Web.Features.Bots;

namespace Studio.Tests.Components;

/// <summary>The import form tells the designer why a file was refused and lets them try again.</summary>
public sealed class ImportBotFormTests : StudioComponentTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected override Task SeedAsync(BotDraftStore store)
    {
        Services.AddSingleton(Options.Create(new StudioOptions()));
        Services.AddSingleton(Db.Services.GetRequiredService<BotImporter>()); // acts as the fixture's designer
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("broken.yaml", "id: [a, b\nname: x\n")]
    [InlineData("broken.yaml", "%TAG ! \n---\nid: a\n")]
    [InlineData("broken.yaml", "id: a\nname: 'unclosed\n")]
    [InlineData("broken.json", "{\n  \"id\": \"a\",\n  \"id\": \"b\"\n}")]
    public void MalformedFile_ShowsWhereItIsBroken_AndTheButtonStaysUsable(string fileName, string text)
    {
        var form = Render<ImportBotForm>();

        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, fileName));

        form.WaitForAssertion(() =>
        {
            var alert = form.Find("[role='alert']");
            Assert.Contains($"{fileName} was not imported", alert.TextContent);
            Assert.Contains("line ", alert.TextContent);
        }, Patience);
        Assert.False(Button(form, "Import YAML").HasAttribute("disabled"));
    }
}
