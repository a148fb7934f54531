using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Data.Access;
using Studio.Data.Comparisons;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Tests.Support;
using Studio.Web.Accounts;
using Studio.Application.Models;
using Studio.Application.Publishing;
using Studio.Data.Models;

namespace Studio.Tests.Api;

/// <summary>
/// Every change goes through a service that checks who acts, so a page cannot do what the API refuses: called
/// directly, as a viewer, each one is refused and changes nothing; a designer may design and publish; users are the admin's.
/// </summary>
public sealed class OperationPermissionTests(PermissionHost host) : IClassFixture<PermissionHost>
{
    private BotDraftStore Drafts => host.Get<BotDraftStore>();

    private ApiKeyStore Keys => host.Get<ApiKeyStore>();

    private ModelProfiles Models => host.Get<ModelProfiles>();

    [Fact]
    public async Task AViewer_IsRefusedEveryChange_AtTheService_AndNothingChanges()
    {
        host.Acting.Actor = ActingAs.Designer;
        var stored = await Drafts.GetAsync(PermissionHost.BotId);
        var before = await SnapshotAsync();
        host.Acting.Actor = ActingAs.Viewer;
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var renamed = BotDocuments.Clone(stored.Bot);
        renamed.Name = "Renamed by a viewer";
        var operations = new Dictionary<string, Func<Task>>
        {
            ["create"] = () => Drafts.CreateAsync(Bots.Small("viewer-made")),
            ["save"] = () => Drafts.SaveAsync(renamed, stored.Revision),
            ["create or replace"] = () => Drafts.CreateOrReplaceAsync(renamed),
            ["delete"] = () => Drafts.DeleteAsync(PermissionHost.BotId, stored.Revision),
            ["import"] = () => host.Get<BotImporter>().ImportAsync(Yaml(Bots.Small("viewer-import")), BotDocumentFormat.Yaml, replace: false),
            ["import with replace"] = () => host.Get<BotImporter>().ImportAsync(Yaml(renamed), BotDocumentFormat.Yaml, replace: true),
            ["publish"] = () => host.Get<Publisher>().PublishAsync(PermissionHost.BotId, new PublishRequest("production"), "viewer"),
            ["add a version"] = () => host.Get<VersionStore>().AddAsync(new BotVersion { BotId = PermissionHost.BotId, Document = "{}", Heads = [1] }, "production"),
            ["split an alias"] = () => host.Get<VersionStore>().SplitAsync(PermissionHost.BotId, "production", [(1, 50), (2, 50)], "viewer"),
            ["move an alias"] = () => host.Get<VersionStore>().MoveAliasAsync(PermissionHost.BotId, "staging", 1, "viewer"),
            ["create a key"] = () => Keys.CreateAsync("viewer key"),
            ["revoke a key"] = () => Keys.RevokeAsync(host.SeededKeyId),
            ["revoke a user's keys"] = () => Keys.RevokeOwnedByAsync(host.OtherUserId),
            ["add a user"] = () => users.CreateAsync("new@studio.test", StudioRoles.Admin),
            ["change a role"] = () => users.SetRoleAsync(host.OtherUserId, StudioRoles.Admin),
            ["reset a password"] = () => users.ResetPasswordAsync(host.OtherUserId),
            ["remove a user"] = () => users.RemoveAsync(host.OtherUserId),
            ["vote"] = () => host.Get<ComparisonStore>().VoteAsync(PermissionHost.BotId, "ngram", "encoder", "hello"),
            ["add a model"] = () => Models.SaveAsync(new ModelProfileInput("viewer-model", "gguf", Path: RepoPaths.StoriesModel)),
            ["remove a model"] = () => Models.DeleteAsync("viewer-model", 1),
            ["test a model"] = () => Models.TestAsync("encoder"),
            ["load a model"] = () => Models.LoadWeightsAsync("viewer-model"),
            ["unload a model"] = () => Models.UnloadWeightsAsync("viewer-model"),
            ["start teacher labelling"] = () => host.Get<Studio.Application.Training.TeacherLabelling>().StartAsync(PermissionHost.BotId, "encoder", "pasted", ["hello"]),
            ["store a teaching run"] = () => host.Get<Studio.Data.Teaching.TeachingStore>().CreateAsync(PermissionHost.BotId, "encoder", "pasted", ["hello"]),
            ["resume teacher labelling"] = () => host.Get<Studio.Application.Training.TeacherLabelling>().ResumeAsync(PermissionHost.BotId, 1),
            ["decide on a label"] = () => host.Get<Studio.Data.Teaching.TeachingStore>().DecideAsync(PermissionHost.BotId, 1, [1], Studio.Data.Teaching.TeachingDecision.Accepted),
            ["decide on labels in bulk"] = () => host.Get<Studio.Data.Teaching.TeachingStore>().DecideAllAsync(PermissionHost.BotId, 1, Studio.Data.Teaching.TeachingFilter.All, Studio.Data.Teaching.TeachingDecision.Accepted),
            ["add taught examples"] = () => host.Get<Studio.Application.Training.TeacherLabelling>().ApplyAsync(PermissionHost.BotId, 1),
            ["compare before and after teaching"] = () => host.Get<Studio.Application.Training.TeacherLabelling>().StartBeforeAfterAsync(PermissionHost.BotId, 1, null),
            ["forget a conversation"] = () => host.Get<Studio.Application.Privacy.ConversationForgetting>().ForgetAsync(PermissionHost.BotId, "any"),
            ["erase stored turns"] = () => host.Get<TranscriptStore>().ForgetAsync(PermissionHost.BotId, "any"),
            ["review a turn"] = () => host.Get<TranscriptStore>().ReviewAsync(PermissionHost.BotId, 1, TurnReview.Dismissed, null, null),
            ["undo a review in the store"] = () => host.Get<TranscriptStore>().UnreviewAsync(PermissionHost.BotId, 1),
            ["add a served turn as an example"] = () => host.Get<Studio.Application.Review.ReviewInbox>().AddExampleAsync(PermissionHost.BotId, 1, "greet"),
            ["make a test of a served conversation"] = () => host.Get<Studio.Application.Review.ReviewInbox>().AddTestAsync(PermissionHost.BotId, 1, null),
            ["set a turn aside"] = () => host.Get<Studio.Application.Review.ReviewInbox>().MarkAsync(PermissionHost.BotId, 1, TurnReview.Dismissed),
            ["undo a review"] = () => host.Get<Studio.Application.Review.ReviewInbox>().UndoAsync(PermissionHost.BotId, 1),
            ["create a web chat key"] = () => host.Get<ApiKeyStore>().CreatePublishableAsync("web", PermissionHost.BotId, "production", ["https://shop.example"]),
            ["retrain and check the reviewed turns"] = () => host.Get<Studio.Application.Review.ReviewInbox>().CheckAsync(PermissionHost.BotId),
            ["erase teaching messages"] = () => host.Get<Studio.Data.Teaching.TeachingStore>().ForgetTextsAsync(PermissionHost.BotId, ["hello"]),
        };

        foreach (var (name, operation) in operations)
        {
            var refused = await Record.ExceptionAsync(operation);
            if (refused is not PermissionDeniedException denied)
            {
                Assert.Fail($"{name}: expected a refusal, got {refused?.ToString() ?? "success"}");
                return;
            }

            Assert.Contains("viewer@studio.test may not", denied.Message);
        }

        host.Acting.Actor = ActingAs.Designer;
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ADesigner_MayDesignPublishAndManageKeys_ButNotUsers()
    {
        host.Acting.Actor = ActingAs.Designer;
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        var created = await Drafts.CreateAsync(Bots.Small("designer-made"));
        var renamed = BotDocuments.Clone(created.Bot);
        renamed.Name = "Renamed";
        var saved = await Drafts.SaveAsync(renamed, created.Revision);
        await host.Get<BotImporter>().ImportAsync(Yaml(Bots.Small("designer-import")), BotDocumentFormat.Yaml, replace: false);
        var replaced = await host.Get<BotImporter>().ImportAsync(Yaml(Bots.Small("designer-made")), BotDocumentFormat.Yaml, replace: true);
        var version = await host.Get<Publisher>().PublishAsync("designer-made", new PublishRequest("production"), ActingAs.Designer.Name);
        await host.Get<VersionStore>().MoveAliasAsync("designer-made", "staging", version.Number, ActingAs.Designer.Name);
        var (key, _) = await Keys.CreateAsync("designer key", ["designer-made"]);
        var revoked = await Keys.RevokeAsync(key.Id);
        await host.Get<ComparisonStore>().VoteAsync("designer-made", "ngram", "encoder", "hello");
        await Drafts.DeleteAsync("designer-import", 1);

        Assert.Equal(2, saved.Revision);
        Assert.Equal(3, replaced.Revision);
        Assert.Equal(version.Number, await host.Get<VersionStore>().ResolveAsync("designer-made", "staging"));
        Assert.True(revoked);
        Assert.Equal(ActingAs.Designer.UserId, key.OwnerId);
        Assert.Single(await host.Get<ComparisonStore>().VotesAsync("designer-made"));
        Assert.Null(await Drafts.FindAsync("designer-import"));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.CreateAsync("made-by-designer@studio.test", StudioRoles.Admin));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.RemoveAsync(host.OtherUserId));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => users.ListAsync());
        // Models take memory and money from everyone on the installation: admins add, test and load them.
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Models.SaveAsync(new ModelProfileInput("designer-model", "gguf", Path: RepoPaths.StoriesModel)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Models.TestAsync("encoder"));
        Assert.Empty(await Models.StoredAsync());
    }

    [Fact]
    public async Task RemovingAUser_RevokesTheKeysTheyCreated_AndAKeyWhoseOwnerIsGoneIsRefused()
    {
        host.Acting.Actor = ActingAs.Admin;
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var identities = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        await users.CreateAsync("leaving@studio.test", StudioRoles.Designer);
        await users.CreateAsync("vanishing@studio.test", StudioRoles.Designer);
        var leaving = (await identities.FindByEmailAsync("leaving@studio.test"))!;
        var vanishing = (await identities.FindByEmailAsync("vanishing@studio.test"))!;
        host.Acting.Actor = new Actor(leaving.Email!, leaving.Id, ActingAs.Designer.Permissions);
        var (leavingKey, leavingSecret) = await Keys.CreateAsync("leaving's key", [PermissionHost.BotId]);
        host.Acting.Actor = new Actor(vanishing.Email!, vanishing.Id, ActingAs.Designer.Permissions);
        var (_, vanishingSecret) = await Keys.CreateAsync("vanishing's key", [PermissionHost.BotId]);
        var validBefore = await Keys.FindActiveAsync(leavingSecret);

        host.Acting.Actor = ActingAs.Admin;
        await users.RemoveAsync(leaving.Id);
        // Removed some other way than the Users page (say, by hand in the database): the key has no owner any more.
        Assert.True((await identities.DeleteAsync((await identities.FindByIdAsync(vanishing.Id))!)).Succeeded);

        Assert.Equal(leavingKey.Id, validBefore?.Id);
        Assert.Equal(leaving.Id, validBefore?.OwnerId);
        Assert.NotNull((await Keys.ListAsync()).Single(k => k.Id == leavingKey.Id).RevokedUtc);
        Assert.Null(await Keys.FindActiveAsync(leavingSecret));
        Assert.Null(await Keys.FindActiveAsync(vanishingSecret));
        using var runtime = host.App.CreateClient();
        runtime.DefaultRequestHeaders.Authorization = new("Bearer", vanishingSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await runtime.GetAsync("/v1/models")).StatusCode);
    }

    [Fact]
    public async Task AVote_PastItsLimits_IsRefusedWithTheLimit_AndNothingIsStored()
    {
        host.Acting.Actor = ActingAs.Designer;
        var votes = host.Get<ComparisonStore>();
        var before = (await votes.VotesAsync(PermissionHost.BotId)).Count;

        var longMessage = await Assert.ThrowsAsync<ArgumentException>(() => votes.VoteAsync(PermissionHost.BotId, "ngram", "encoder", new string('x', 5_000_000)));
        var longSetup = await Assert.ThrowsAsync<ArgumentException>(() => votes.VoteAsync(PermissionHost.BotId, new string('s', 5_000), "encoder", "hi"));
        using var client = host.App.CreateClient();
        (await SignIn.AsAsync(client, SignIn.AdminEmail, SignIn.AdminPassword)).EnsureSuccessStatusCode();
        var overApi = await client.PostAsJsonAsync($"/api/studio/bots/{PermissionHost.BotId}/votes",
            new { winner = "ngram", loser = "encoder", message = new string('x', 5_000_000) });

        Assert.Contains($"the limit is {PreferenceVote.MaxMessageLength:N0}", longMessage.Message);
        Assert.Contains($"the limit is {PreferenceVote.MaxSetupLength:N0}", longSetup.Message);
        Assert.Equal(HttpStatusCode.BadRequest, overApi.StatusCode);
        Assert.Contains($"the limit is {PreferenceVote.MaxMessageLength:N0}", await overApi.Content.ReadAsStringAsync());
        Assert.Equal(before, (await votes.VotesAsync(PermissionHost.BotId)).Count);
    }

    [Fact]
    public async Task ReleaseNotesAndOverrideReasons_PastTheirLimits_AreRefusedBeforeTraining()
    {
        host.Acting.Actor = ActingAs.Designer;
        var publisher = host.Get<Publisher>();
        var before = (await host.Get<VersionStore>().ListAsync(PermissionHost.BotId)).Count;

        var notes = await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(PermissionHost.BotId,
            new PublishRequest(null, new string('n', Publisher.MaxNotesLength + 1)), ActingAs.Designer.Name));
        var reason = await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(PermissionHost.BotId,
            new PublishRequest(null, null, new string('r', Publisher.MaxOverrideReasonLength + 1)), ActingAs.Designer.Name));

        Assert.Contains($"the limit is {Publisher.MaxNotesLength:N0}", notes.Message);
        Assert.Contains($"the limit is {Publisher.MaxOverrideReasonLength:N0}", reason.Message);
        Assert.Equal(before, (await host.Get<VersionStore>().ListAsync(PermissionHost.BotId)).Count);
    }

    private static string Yaml(BotDefinition bot) => BotDocuments.Write(bot, BotDocumentFormat.Yaml);

    // Everything a refused change could have touched, as one comparable string.
    private async Task<string> SnapshotAsync()
    {
        var bots = await Drafts.ListAsync();
        var stored = await Drafts.GetAsync(PermissionHost.BotId);
        var versions = await host.Get<VersionStore>().ListAsync(PermissionHost.BotId);
        var aliases = await host.Get<VersionStore>().AliasesAsync(PermissionHost.BotId);
        var moves = await host.Get<VersionStore>().MovesAsync(PermissionHost.BotId);
        var keys = await Keys.ListAsync();
        var votes = await host.Get<ComparisonStore>().VotesAsync(PermissionHost.BotId);
        var teachingRuns = await host.Get<Studio.Data.Teaching.TeachingStore>().ListAsync(PermissionHost.BotId);
        using var scope = host.Services.CreateScope();
        var identities = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var users = new List<string>();
        foreach (var user in identities.Users.OrderBy(u => u.Email).ToList())
        {
            users.Add($"{user.Email}:{string.Join(",", await identities.GetRolesAsync(user))}:{user.PasswordHash}");
        }

        return string.Join("\n",
            string.Join(";", bots.Select(b => $"{b.Id}@{b.Revision}")),
            stored.Bot.Name,
            string.Join(";", versions.Select(v => v.Number)),
            string.Join(";", aliases.Select(a => $"{a.Name}->{a.Version}")),
            moves.Count,
            string.Join(";", keys.Select(k => $"{k.Id}:{k.RevokedUtc}")),
            votes.Count,
            teachingRuns.Count,
            string.Join(";", users));
    }
}
