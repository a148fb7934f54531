namespace Studio.Cli.Bench;

/// <summary>A data folder for one benchmark run, removed afterwards.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("studio-bench-").FullName;

    public void Dispose()
    {
        // SQLite pools connections; release them so the file can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // The database may still be closing; the system's temporary folder is cleaned anyway.
        }
    }
}
