using Microsoft.AspNetCore.Components.Authorization;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Data.Drafts;

namespace Studio.Web.Features.Common;

/// <summary>
/// The bot a designer is editing in this browser tab. Every edit is applied to a copy, validated,
/// and saved against the revision that was loaded, so nothing invalid is stored and nobody else's
/// save is overwritten. Scoped to the circuit; components subscribe to <see cref="Changed"/>.
/// </summary>
public sealed class DraftSession(BotDraftStore store, AuthenticationStateProvider? authentication = null) : IDisposable
{
    // One load or edit at a time: a double click must not race itself into a false "changed elsewhere".
    private readonly SemaphoreSlim _gate = new(1, 1);

    public StoredBot? Current { get; private set; }

    public BotDefinition? Bot => Current?.Bot;

    public event Action? Changed;

    /// <summary>What a viewer is told when a change is refused, or hovers a control that would make one.</summary>
    public const string ViewerRefusal = "Viewers can look but not change bots; ask an admin for the designer role.";

    /// <summary>
    /// Whether the signed-in user may change bots, read when a bot is loaded: pages disable their editing controls when
    /// not (see <see cref="EditControls"/>). The store refuses a viewer's change whatever the page shows.
    /// </summary>
    public bool CanEdit { get; private set; } = true;

    /// <summary>Loads the bot unless it is already the one loaded; <paramref name="reload"/> forces a fresh read.</summary>
    public async Task<bool> LoadAsync(string botId, bool reload = false, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!reload && Current?.Bot.Id == botId)
            {
                return true;
            }

            Current = await store.FindAsync(botId, cancellationToken);
            CanEdit = !await IsViewerAsync();
        }
        finally
        {
            _gate.Release();
        }

        Changed?.Invoke();
        return Current is not null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a copy of the bot and saves it. The change returns a problem
    /// to refuse the edit before validation (or null to go on).
    /// </summary>
    public async Task<EditResult> EditAsync(Func<BotDefinition, string?> change, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        EditResult result;
        try
        {
            result = await ApplyAsync(change, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        if (result.Saved)
        {
            Changed?.Invoke();
        }

        return result;
    }

    public void Dispose() => _gate.Dispose();

    // Without sign-in (component tests) there is no role to check.
    private async Task<bool> IsViewerAsync() =>
        authentication is not null && (await authentication.GetAuthenticationStateAsync()).User is var user
        && !user.IsInRole(Accounts.StudioRoles.Admin) && !user.IsInRole(Accounts.StudioRoles.Designer);

    private async Task<EditResult> ApplyAsync(Func<BotDefinition, string?> change, CancellationToken cancellationToken)
    {
        // Viewers look; the API refuses their changes too.
        if (await IsViewerAsync())
        {
            return EditResult.Refused(ViewerRefusal);
        }

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
            return EditResult.Ok;
        }
        catch (StaleRevisionException stale)
        {
            return new EditResult(false, [stale.Message], Stale: true);
        }
        catch (Studio.Data.Access.PermissionDeniedException denied)
        {
            return EditResult.Refused(denied.Message);
        }
        catch (BotNotFoundException missing)
        {
            return EditResult.Refused(missing.Message + " It may have been deleted by someone else.");
        }
    }
}
