using Microsoft.Extensions.DependencyInjection;
using Studio.Data;
using Microsoft.Data.Sqlite;
using Studio.Tests.Support;

namespace Studio.Tests.Storage;

public class DatabaseFileModeTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task NewDatabase_AndItsWriteAheadLog_AreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "data");
        await using var services = new ServiceCollection().AddStudioData(_ => dataDirectory).BuildServiceProvider();

        await StudioDatabase.MigrateAsync(services, dataDirectory);
        var database = Path.Combine(dataDirectory, StudioDatabase.FileName);
        await using var connection = new SqliteConnection(StudioDatabase.ConnectionString(dataDirectory));
        await connection.OpenAsync();
        await using (var write = connection.CreateCommand())
        {
            write.CommandText = "CREATE TABLE mode_check (x INTEGER); INSERT INTO mode_check VALUES (1);";
            await write.ExecuteNonQueryAsync();
        }

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(database));
        Assert.True(File.Exists(database + "-wal"), "WAL mode keeps a -wal file while the database is open");
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(database + "-wal"));
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(dataDirectory) & (UnixFileMode.OtherRead | UnixFileMode.GroupRead));
    }

    [Fact]
    public async Task ExistingWorldReadableDatabase_IsTightenedAtStartUp()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempDirectory();
        var database = Path.Combine(temp.Path, StudioDatabase.FileName);
        await File.WriteAllBytesAsync(database, []);
        File.SetUnixFileMode(database, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var services = new ServiceCollection().AddStudioData(_ => temp.Path).BuildServiceProvider();

        await StudioDatabase.MigrateAsync(services, temp.Path);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(database));
    }
}
