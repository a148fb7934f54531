using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Studio.Tests.Support;
using Studio.Web.Accounts;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>Sign-in, roles and the first administrator, through the real app.</summary>
public class AccountTests
{
    [Fact]
    public async Task WithoutSigningIn_TheStudioIsClosed_ButTheSignInPageIsOpen()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var api = await anonymous.GetAsync("/api/studio/bots");
        var page = await anonymous.GetAsync("/bots/any/intents");
        var login = await anonymous.GetAsync("/account/login");
        var reference = await anonymous.GetAsync("/openapi/v1.json");
        var models = await anonymous.GetAsync("/v1/models");
        var scalar = await app.CreateAnonymousClient().GetAsync("/api/reference/");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("__RequestVerificationToken", await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode); // served models need a user or a key
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode); // the browsable reference (Scalar) is open, as the document is
        Assert.Contains("scalar", await scalar.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AWrongPassword_ShowsTheFormAgain_AFormWithoutItsTokenIsRefused_AndRedirectsStayOnSite()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateAnonymousClient();

        var wrong = await SignIn.AsAsync(client, SignIn.AdminEmail, "not-the-password");
        var stillOut = await client.GetAsync("/api/studio/bots");
        var noToken = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = SignIn.AdminEmail, ["password"] = SignIn.AdminPassword }));
        var manual = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = SignIn.TokenFrom(await manual.GetStringAsync("/account/login"));
        var offSite = await manual.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = SignIn.AdminEmail, ["password"] = SignIn.AdminPassword, ["returnUrl"] = "https://elsewhere.example/steal", ["__RequestVerificationToken"] = token,
        }));

        Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, stillOut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal("/", offSite.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Viewers_CannotPublish_Designers_Can_AndThePublisherIsRecorded()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var admin = app.CreateClient();
        (await admin.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("roles-bank", TemplateId: "banking"), Studio.Core.Documents.BotJson.Options)).EnsureSuccessStatusCode();
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            foreach (var (email, role) in new[] { ("viewer@studio.test", StudioRoles.Viewer), ("designer@studio.test", StudioRoles.Designer) })
            {
                var user = new IdentityUser { UserName = email, Email = email };
                Assert.True((await users.CreateAsync(user, SignIn.AdminPassword)).Succeeded);
                await users.AddToRoleAsync(user, role);
            }
        }

        var viewer = app.CreateAnonymousClient();
        await SignIn.AsAsync(viewer, "viewer@studio.test", SignIn.AdminPassword);
        var designer = app.CreateAnonymousClient();
        await SignIn.AsAsync(designer, "designer@studio.test", SignIn.AdminPassword);

        var viewerReads = await viewer.GetAsync("/api/studio/bots/roles-bank/versions");
        var viewerPublishes = await viewer.PostAsJsonAsync("/api/studio/bots/roles-bank/publish", new { alias = "production" });
        var viewerKeys = await viewer.PostAsJsonAsync("/api/studio/keys", new { name = "x" });
        var viewerCreates = await viewer.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("viewer-made", TemplateId: "banking"), Studio.Core.Documents.BotJson.Options);
        var viewerDeletes = await viewer.DeleteAsync("/api/studio/bots/roles-bank?revision=1");
        var viewerVotes = await viewer.PostAsJsonAsync("/api/studio/bots/roles-bank/votes", new { winner = "ngram", loser = "encoder", message = "hi" });
        var viewerMoves = await viewer.PutAsJsonAsync("/api/studio/bots/roles-bank/aliases/staging", new { version = 1 });
        var designerPublishes = await designer.PostAsJsonAsync("/api/studio/bots/roles-bank/publish", new { alias = "production" });
        var versions = await viewer.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/studio/bots/roles-bank/versions");

        Assert.Equal(HttpStatusCode.OK, viewerReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerPublishes.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerKeys.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerCreates.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerDeletes.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerVotes.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerMoves.StatusCode);
        Assert.Equal(HttpStatusCode.Created, designerPublishes.StatusCode);
        Assert.Equal("designer@studio.test", versions[0].GetProperty("publishedBy").GetString());
    }

    [Fact]
    public async Task WithoutAConfiguredPassword_TheFirstAdminGetsAGeneratedOne_Once()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path, settings: new Dictionary<string, string> { ["Studio:Admin:Password"] = "" });
        _ = app.CreateAnonymousClient(); // starts the app, which creates the first admin

        await FirstAdmin.EnsureAsync(app.Services); // a second start changes nothing
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var admin = Assert.Single(users.Users.ToList());
        Assert.Equal(SignIn.AdminEmail, admin.Email);
        Assert.True(await users.IsInRoleAsync(admin, StudioRoles.Admin));
        Assert.False(await users.CheckPasswordAsync(admin, SignIn.AdminPassword)); // generated, not the configured one
        var generated = FirstAdmin.GeneratePassword();
        Assert.True(generated.Length == 20 && generated.Any(char.IsUpper) && generated.Any(char.IsLower) && generated.Any(char.IsDigit) && generated.Any(c => !char.IsLetterOrDigit(c)));
    }
}
