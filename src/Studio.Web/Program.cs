using Studio.Web.Api;
using Studio.Web.Components;
using Scalar.AspNetCore;
using Studio.Web.Hosting;
using Studio.Web.Runtime;

var builder = WebApplication.CreateBuilder(StudioHost.CreateOptions(args));

builder.AddStudioStorage();
builder.AddStudioInference();
builder.AddStudioApi();
builder.AddStudioRuntime();
builder.AddStudioUi();

var app = builder.Build();

await app.PrepareStorageAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseAntiforgery();
app.UseRuntimeBodyLimit();

app.MapStudioApi();
app.MapOpenApi();
app.MapScalarApiReference("/api/reference");
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
