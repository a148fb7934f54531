using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using Studio.Inference.Models;
using Studio.Tests.Support;
using Studio.Web.Features.Common;

namespace Studio.Tests.Components;

/// <summary>Where setups are offered, an installation without large models says where to add one instead of showing a short, unexplained list.</summary>
public sealed class NoLargeModelsHintTests : BunitContext
{
    private void Use(Dictionary<string, ModelProfileOptions> models)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new ModelRegistry(models, _ => new HttpClient(), NullLogger<ModelRegistry>.Instance));
    }

    [Fact]
    public void WithoutALargeModel_ItLinksToTheModelsPage()
    {
        Use([]);

        var hint = Render<NoLargeModelsHint>();

        Assert.Contains("no large model is available yet", hint.Markup);
        Assert.Equal("/models", hint.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void WithALargeModel_ItSaysNothing()
    {
        Use(new() { ["stories"] = new ModelProfileOptions { Kind = ModelKind.Gguf, Path = RepoPaths.StoriesModel, ContextSize = 256 } });

        Assert.Equal("", Render<NoLargeModelsHint>().Markup.Trim());
    }
}
