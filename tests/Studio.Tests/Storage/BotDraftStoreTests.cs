using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Data;
using Studio.Data.Drafts;
using Studio.Tests.Support;

namespace Studio.Tests.Storage;

public class BotDraftStoreTests : StorageTests
{
    [Fact]
    public async Task Save_AgainstAStaleRevision_IsRefused_AndKeepsTheOtherDesignersChange()
    {
        await using var db = await CreateStoreAsync();
        var created = await db.Store.CreateAsync(Bots.Small());

        // Two designers load revision 1; the first saves.
        var first = BotDocuments.Clone(created.Bot);
        first.Intents[0].Examples.Add("good morning");
        var saved = await db.Store.SaveAsync(first, created.Revision);
        var second = BotDocuments.Clone(created.Bot);
        second.Intents[1].Examples.Add("farewell");

        var refused = await Assert.ThrowsAsync<StaleRevisionException>(() => db.Store.SaveAsync(second, created.Revision));

        Assert.Equal(2, saved.Revision);
        Assert.Equal(2, refused.CurrentRevision);
        Assert.Contains("Reload", refused.Message);
        var stored = await db.Store.GetAsync("small-bot");
        Assert.Contains("good morning", stored.Bot.Intents[0].Examples);
        Assert.DoesNotContain("farewell", stored.Bot.Intents[1].Examples);
    }

    [Fact]
    public async Task InvalidBot_IsNotStored_AndTheStoredDraftIsUntouched()
    {
        await using var db = await CreateStoreAsync();
        var created = await db.Store.CreateAsync(Bots.Small());
        var broken = BotDocuments.Clone(created.Bot);
        broken.Intents.Add(new Intent { Name = "greet", Examples = ["yo"] });
        broken.Intents[0].Examples.Add("");

        var invalid = await Assert.ThrowsAsync<BotValidationException>(() => db.Store.SaveAsync(broken, created.Revision));

        Assert.True(invalid.Problems.Count >= 1);
        var stored = await db.Store.GetAsync("small-bot");
        Assert.Equal(1, stored.Revision);
        Assert.Equal(2, stored.Bot.Intents.Count);
    }

    [Fact]
    public async Task Create_WithAnExistingId_IsRefused()
    {
        await using var db = await CreateStoreAsync();
        await db.Store.CreateAsync(Bots.Small());

        await Assert.ThrowsAsync<BotAlreadyExistsException>(() => db.Store.CreateAsync(Bots.Small()));
        Assert.Single(await db.Store.ListAsync());
    }

    [Fact]
    public async Task Delete_AtAStaleRevision_IsRefused()
    {
        await using var db = await CreateStoreAsync();
        var created = await db.Store.CreateAsync(Bots.Small());
        await db.Store.SaveAsync(created.Bot, created.Revision);

        await Assert.ThrowsAsync<StaleRevisionException>(() => db.Store.DeleteAsync("small-bot", created.Revision));
        await db.Store.DeleteAsync("small-bot", created.Revision + 1);
        Assert.Empty(await db.Store.ListAsync());
    }

    [Fact]
    public async Task Database_HasEveryMigrationApplied_AndSqliteIsInWalMode()
    {
        await using var db = await CreateStoreAsync();
        await using (var context = await db.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync())
        {
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await context.Database.GetAppliedMigrationsAsync());
        }

        if (db.Database.IsPostgreSql)
        {
            return; // WAL is SQLite's; PostgreSQL always logs ahead
        }

        await using var connection = new SqliteConnection(StudioDatabase.ConnectionString(db.DataDirectory));
        await connection.OpenAsync();
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Import_OfABrokenFile_StoresNothing()
    {
        await using var db = await CreateStoreAsync();
        var importer = new BotImporter(db.Store, db.Acting);
        var text = File.ReadAllText(RepoPaths.Template("banking.yaml")).Replace("  - name: freeze_card", "  - name: change_pin", StringComparison.Ordinal);

        var invalid = await Assert.ThrowsAsync<BotValidationException>(() => importer.ImportAsync(text, BotDocumentFormat.Yaml, replace: false));

        Assert.Contains(invalid.Problems, p => p.Message.Contains("Duplicate intent name 'change_pin'") && p.Line > 0);
        Assert.Empty(await db.Store.ListAsync());
    }
}
