using Scalar.AspNetCore;
using Studio.Web.Accounts;
using Studio.Web.Api;
using Studio.Web.Components;
using Studio.Web.Hosting;
using Studio.Application.Runtime;
using Studio.Web.Runtime;

var builder = WebApplication.CreateBuilder(StudioHost.CreateOptions(args));
var role = ProcessRoles.From(builder.Configuration);

builder.AddStudioStorage();
builder.AddStudioInference();
builder.AddStudioApi();
builder.AddStudioRuntime();
builder.AddStudioAccounts();
builder.AddStudioUi();
builder.AddStudioHealth();

var app = builder.Build();

await app.PrepareStorageAsync();
if (role == ProcessRole.All)
{
    await FirstAdmin.EnsureAsync(app.Services);
}

app.UseExceptionHandler();
app.UseStudioSecurityHeaders();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseCors();
app.UseAuthentication();
app.UseSameOriginChanges();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRuntimeBodyLimit();

app.MapStudioHealth();
if (role == ProcessRole.Runtime)
{
    // A runtime node behind a proxy: what applications and web chats call, and nothing a designer signs in to.
    app.MapServedApi();
    app.MapFallback(() => TypedResults.Problem("This is a runtime node: it serves the runtime API, /v1 and health. The studio's pages run on the studio's own address.",
        statusCode: StatusCodes.Status404NotFound, title: "Not on a runtime node")).AllowAnonymous();
    app.Logger.LogInformation("Serving as a runtime node: the runtime API, /v1 and health; no studio pages or accounts");
}
else
{
    app.MapAccountEndpoints();
    app.MapStudioApi();
    app.MapOpenApi().AllowAnonymous();
    app.MapScalarApiReference("/api/reference", (options, http) => options.WithNonce(SecurityHeadersExtensions.Nonce(http)).DisableDefaultFonts()).AllowAnonymous();
    app.MapRazorComponents<App>()
        .AddInteractiveServerRenderMode();
}

await app.RunAsync();

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
