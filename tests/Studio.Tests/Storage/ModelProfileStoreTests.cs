using Microsoft.Extensions.DependencyInjection;
using Studio.Data;
using Studio.Data.Access;
using Studio.Data.Models;
using Studio.Tests.Support;

namespace Studio.Tests.Storage;

/// <summary>The studio's model profiles on a real SQLite file: keys encrypted with a key ring that lives in the same database.</summary>
public class ModelProfileStoreTests : StorageTests
{
    [Fact]
    public async Task AStoredKey_IsReadByAnotherProcessOnTheSameDatabase_AndNotByOneWithAnotherKeyRing()
    {
        await using var first = await CreateStoreAsync();
        first.Acting.Actor = ActingAs.Admin;
        var saved = await first.Services.GetRequiredService<ModelProfileStore>()
            .SaveAsync(new ModelProfileInput("hosted", "openai", Endpoint: "https://api.example.com/v1", Model: "m", ApiKey: "sk-very-secret"), _ => false);

        // A second set of services on the same file stands for a restart or another node: the key ring came with the database.
        await using (var restarted = first.OnSameDatabase(new ServiceCollection()).AddSingleton<ICurrentActor>(new ActingAs(ActingAs.Admin)).BuildServiceProvider())
        {
            var store = restarted.GetRequiredService<ModelProfileStore>();
            Assert.Equal("sk-very-secret", store.ApiKeyOf(Assert.Single(await store.ListAsync())));
        }

        // Another installation's key ring cannot read it: the profile then says the key must be entered again.
        await using var other = await CreateStoreAsync();
        Assert.Null(other.Services.GetRequiredService<ModelProfileStore>().ApiKeyOf(saved));
        Assert.DoesNotContain("very-secret", saved.ProtectedApiKey!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepingClearingAndNamingAKey_DoWhatTheySay()
    {
        await using var db = await CreateStoreAsync();
        db.Acting.Actor = ActingAs.Admin;
        var store = db.Services.GetRequiredService<ModelProfileStore>();
        var input = new ModelProfileInput("hosted", "openai", Endpoint: "https://api.example.com/v1", Model: "m", ApiKey: "sk-first");

        var created = await store.SaveAsync(input, _ => false);
        var kept = await store.SaveAsync(input with { ApiKey = null, Revision = created.Revision, ContextSize = 4096 }, _ => false);
        var named = await store.SaveAsync(input with { ApiKey = null, ApiKeyVariable = "STUDIO_MODEL_KEY_OPENAI", Revision = kept.Revision }, _ => false);

        Assert.Equal("sk-first", store.ApiKeyOf(kept));
        Assert.Equal(4096, kept.ContextSize);
        Assert.Null(named.ProtectedApiKey); // a key read from a variable is never also stored
        Assert.Equal("STUDIO_MODEL_KEY_OPENAI", named.ApiKeyVariable);
        Assert.DoesNotContain("sk-first", input.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(new ModelProfileInput("long", "gguf", Path: new string('x', 5000)), _ => false));
    }

    [Fact]
    public async Task AStoredKey_GoesOnlyWhereItWasEnteredFor_AndNoOtherSecretCanBeNamed()
    {
        await using var db = await CreateStoreAsync();
        db.Acting.Actor = ActingAs.Admin;
        var store = db.Services.GetRequiredService<ModelProfileStore>();
        var input = new ModelProfileInput("hosted", "openai", Endpoint: "https://api.example.com/v1", Model: "m", ApiKey: "sk-first");

        var created = await store.SaveAsync(input, _ => false);
        var samePlace = await store.SaveAsync(input with { ApiKey = null, Endpoint = "https://API.example.com/v2", Revision = created.Revision }, _ => false);
        var elsewhere = await store.SaveAsync(input with { ApiKey = null, Endpoint = "https://collector.example.net/v1", Revision = samePlace.Revision }, _ => false);

        Assert.Equal("sk-first", store.ApiKeyOf(samePlace));
        Assert.Null(elsewhere.ProtectedApiKey); // another host: the key must be typed again
        foreach (var (bad, reason) in new[]
        {
            (input with { Id = "a", ApiKey = null, ApiKeyVariable = "AWS_SECRET_ACCESS_KEY" }, "STUDIO_MODEL_KEY_"),
            (input with { Id = "b", Endpoint = "https://user:sk-secret@api.example.com/v1" }, "user name, password"),
            (input with { Id = "c", Endpoint = "https://api.example.com/v1?api-key=sk-secret" }, "query"),
        })
        {
            Assert.Contains(reason, (await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(bad, _ => false))).Message);
        }
    }
}
