using System.Data.Common;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Studio.Data;
using Studio.Data.Drafts;
using Studio.Tests.Support;
using Studio.Web.Features.Entities;

namespace Studio.Tests.Components;

/// <summary>
/// A machine busy with other work, faked by a database that answers each command late: the component tests'
/// waits are for conditions, so they still pass, however slow the machine.
/// </summary>
public sealed class SlowStorageTests : StudioComponentTest
{
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(1.5);
    private readonly SlowCommands _slow = new();

    protected override void ConfigureStorage(IServiceCollection services) =>
        services.ConfigureDbContext<StudioDbContext>(options => options.AddInterceptors(_slow));

    protected override Task SeedAsync(BotDraftStore store) => store.CreateAsync(Bots.Small("slow-bot"));

    [Fact]
    public async Task EditorWaits_OutlastADatabaseSlowerThanBunitsDefaultWait()
    {
        Assert.True(Lag > TimeSpan.FromSeconds(1), "the lag must exceed bUnit's own 1 s default to prove anything");
        _slow.Enabled = true;
        var editor = Render<EntitiesEditor>(p => p.Add(e => e.BotId, "slow-bot"));
        const string NewEntity = "[aria-label='New entity']";
        editor.WaitForElement(NewEntity);

        // Found afresh for each step: with a slow database the form may re-render between one step and the next.
        await editor.InvokeAsync(() => Input(editor.Find(NewEntity), "Entity name").Input("delivery_speed"));
        await editor.InvokeAsync(() => Input(editor.Find(NewEntity), "Value").Input("express"));
        await editor.InvokeAsync(() => Button(editor.Find(NewEntity), "Add entity").Click());

        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[aria-label='Entity delivery_speed']")));
        _slow.Enabled = false;
        Assert.Contains((await Store.GetAsync("slow-bot")).Bot.Entities, e => e.Name == "delivery_speed");
    }

    /// <summary>A fake: adds a fixed lag to every database command while enabled.</summary>
    private sealed class SlowCommands : DbCommandInterceptor
    {
        public volatile bool Enabled;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Enabled)
            {
                await Task.Delay(Lag, cancellationToken);
            }

            return result;
        }
    }
}
