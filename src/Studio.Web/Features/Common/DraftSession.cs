using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Data.Drafts;

namespace Studio.Web.Features.Common;

/// <summary>
/// The bot a designer is editing in this browser tab. Every edit is applied to a copy, validated,
/// and saved against the revision that was loaded, so nothing invalid is stored and nobody else's
/// save is overwritten. Scoped to the circuit; components subscribe to <see cref="Changed"/>.
/// </summary>
public sealed class DraftSession(BotDraftStore store)
{
    public StoredBot? Current { get; private set; }

    public BotDefinition? Bot => Current?.Bot;

    public event Action? Changed;

    /// <summary>Loads the bot unless it is already the one loaded; <paramref name="reload"/> forces a fresh read.</summary>
    public async Task<bool> LoadAsync(string botId, bool reload = false, CancellationToken cancellationToken = default)
    {
        if (!reload && Current?.Bot.Id == botId)
        {
            return true;
        }

        Current = await store.FindAsync(botId, cancellationToken);
        Changed?.Invoke();
        return Current is not null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a copy of the bot and saves it. The change returns a problem
    /// to refuse the edit before validation (or null to go on).
    /// </summary>
    public async Task<EditResult> EditAsync(Func<BotDefinition, string?> change, CancellationToken cancellationToken = default)
    {
        if (Current is null)
        {
            return EditResult.Refused("No bot is loaded.");
        }

        var copy = BotDocuments.Clone(Current.Bot);
        if (change(copy) is { } refusal)
        {
            return EditResult.Refused(refusal);
        }

        var problems = BotDocuments.Validate(copy);
        if (problems.Count > 0)
        {
            return new EditResult(false, problems.Select(p => p.Message).Distinct().ToList());
        }

        try
        {
            Current = await store.SaveAsync(copy, Current.Revision, cancellationToken);
        }
        catch (StaleRevisionException stale)
        {
            return new EditResult(false, [stale.Message], Stale: true);
        }

        Changed?.Invoke();
        return EditResult.Ok;
    }
}
