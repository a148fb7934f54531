using Scalar.AspNetCore;
using Studio.Web.Accounts;
using Studio.Web.Api;
using Studio.Web.Components;
using Studio.Web.Hosting;
using Studio.Application.Runtime;
using Studio.Web.Runtime;

var builder = WebApplication.CreateBuilder(StudioHost.CreateOptions(args));

builder.AddStudioStorage();
builder.AddStudioInference();
builder.AddStudioApi();
builder.AddStudioRuntime();
builder.AddStudioAccounts();
builder.AddStudioUi();

var app = builder.Build();

await app.PrepareStorageAsync();
await FirstAdmin.EnsureAsync(app.Services);

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

app.MapAccountEndpoints();
app.MapStudioApi();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/api/reference", (options, http) => options.WithNonce(SecurityHeadersExtensions.Nonce(http))).AllowAnonymous();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
