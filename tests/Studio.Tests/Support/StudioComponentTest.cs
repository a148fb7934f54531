using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Studio.Data.Drafts;
using Studio.Web.Features.Common;

namespace Studio.Tests.Support;

/// <summary>
/// A bUnit context wired like the studio: MudBlazor, a per-circuit <see cref="DraftSession"/> and a real
/// SQLite draft store, seeded by the test class.
/// </summary>
public abstract class StudioComponentTest : BunitContext, IAsyncLifetime
{
    /// <summary>
    /// bUnit's waits give up after 1 s by default, which a busy 2-core machine can exceed while a real SQLite
    /// save runs. Every wait here is for a condition, so a long limit costs nothing when things are quick.
    /// </summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    static StudioComponentTest() => DefaultWaitTimeout = WaitLimit;

    protected StoreFixture Db { get; private set; } = default!;

    protected BotDraftStore Store => Db.Store;

    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Db = await StoreFixture.CreateAsync(ConfigureStorage);
        await SeedAsync(Db.Store);
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Editors save as a signed-in designer; a test may change the role through Authorization.
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("designer@studio.test");
        Authorization.SetRoles(Studio.Web.Accounts.StudioRoles.Designer);
        Services.AddMudServices();
        Services.AddSingleton(Db.Store);
        Services.AddScoped<DraftSession>();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Db.DisposeAsync();
    }

    protected abstract Task SeedAsync(BotDraftStore store);

    /// <summary>Lets a test class change the storage services before they are built.</summary>
    protected virtual void ConfigureStorage(IServiceCollection services)
    {
    }

    /// <summary>The input a label names, found through the label's <c>for</c>, as assistive technology finds it.</summary>
    protected static IElement Input(IElement scope, string label) => Input(scope.QuerySelectorAll("label"), label, scope.QuerySelectorAll("input, textarea"));

    protected static IElement Input<T>(IRenderedComponent<T> component, string label) where T : Microsoft.AspNetCore.Components.IComponent =>
        Input(component.FindAll("label"), label, component.FindAll("input, textarea"));

    protected static IElement Button(IElement scope, string text) => Button(scope.QuerySelectorAll("button"), text);

    /// <summary>
    /// The button with this text, waited for: one that a click has just asked for appears on the next render, which on a
    /// loaded machine may come after the click returns. Each render checks again, up to a bound that only a missing button reaches.
    /// </summary>
    protected static IElement Button<T>(IRenderedComponent<T> component, string text) where T : Microsoft.AspNetCore.Components.IComponent
    {
        IElement? found = null;
        component.WaitForAssertion(() => found = Button(component.FindAll("button"), text), TimeSpan.FromSeconds(30));
        return found!;
    }

    private static IElement Input(IEnumerable<IElement> labels, string label, IEnumerable<IElement> inputs)
    {
        var id = labels.First(l => l.TextContent.Trim() == label).GetAttribute("for");
        return inputs.Single(i => i.Id == id);
    }

    private static IElement Button(IEnumerable<IElement> buttons, string text) => buttons.First(b => b.TextContent.Trim() == text);
}
