using Studio.Web.Api;
using Studio.Web.Components;
using Studio.Web.Hosting;

var builder = WebApplication.CreateBuilder(StudioHost.CreateOptions(args));

builder.AddStudioStorage();
builder.AddStudioInference();
builder.AddStudioApi();
builder.AddStudioUi();

var app = builder.Build();

await app.PrepareStorageAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseAntiforgery();

app.MapStudioApi();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
