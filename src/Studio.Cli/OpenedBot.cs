using Studio.Data.Drafts;

namespace Studio.Cli;

/// <summary>A bot loaded for a command, with the studio it was opened in; disposing closes the studio.</summary>
internal sealed record OpenedBot(CliContext Context, StoredBot Stored) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
