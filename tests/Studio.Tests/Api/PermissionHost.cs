using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Studio.Data.Access;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Tests.Support;
using Studio.Web.Accounts;
using Studio.Application.Publishing;

namespace Studio.Tests.Api;

/// <summary>
/// The real app, whose services act as <see cref="Acting"/> says, seeded with a published bot, a key and a second
/// user: one host for every permission test of the class.
/// </summary>
public sealed class PermissionHost : IAsyncLifetime
{
    public const string BotId = "perm-bot";

    public const string OtherEmail = "someone@studio.test";

    private readonly TempDirectory _data = new();
    private StudioAppFactory _app = default!;

    public ActingAs Acting { get; } = new(ActingAs.Designer);

    public WebApplicationFactory<Program> App { get; private set; } = default!;

    public IServiceProvider Services => App.Services;

    public long SeededKeyId { get; private set; }

    public string OtherUserId { get; private set; } = "";

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        _app = new StudioAppFactory(_data.Path);
        App = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<ICurrentActor>(Acting)));
        await Get<BotDraftStore>().CreateAsync(Bots.Small(BotId));
        await Get<Publisher>().PublishAsync(BotId, new PublishRequest("production", "first"), ActingAs.Designer.Name);
        SeededKeyId = (await Get<ApiKeyStore>().CreateAsync("seeded", [BotId])).Key.Id;
        Acting.Actor = ActingAs.Admin;
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(OtherEmail, StudioRoles.Designer);
        OtherUserId = (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(OtherEmail))!.Id;
        Acting.Actor = ActingAs.Designer;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
