using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Studio.Data.Publishing;
using Studio.Application.Publishing;

namespace Studio.Web.Features.Publish;

/// <summary>Publishing from the studio and managing what is served: versions, aliases and diffs.</summary>
public sealed partial class PublishVersions
{
    private IReadOnlyList<VersionSummary> _versions = [];
    private IReadOnlyList<AliasSummary> _aliases = [];
    private IReadOnlyList<AliasMove> _moves = [];
    private string? _alias = "production";
    private string? _notes;
    private string? _overrideReason;
    private string _stage = "";
    private bool _busy;
    private PublishRefusedException? _refused;
    private BotVersion? _published;
    private string? _publishedAlias;
    private string? _moveAlias = "production";
    private int _moveTo;
    private int _splitSecond;
    private int _splitPercent = 10;
    private string? _moveProblem;
    private int _diffFrom;
    private int _diffTo;
    private VersionDiff? _diff;

    [Inject] private Publisher Publisher { get; set; } = default!;

    [Inject] private VersionStore Versions { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private int _newestShown;

    [Parameter, EditorRequired] public string BotId { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private string _user = "";

    // Viewers see versions and diffs; publishing and moving aliases need a designer or an admin (the API enforces the same).
    private bool _canPublish;

    protected override async Task OnParametersSetAsync()
    {
        var user = (await Authentication).User;
        _user = user.Identity?.Name ?? "unknown";
        _canPublish = user.IsInRole(Accounts.StudioRoles.Admin) || user.IsInRole(Accounts.StudioRoles.Designer);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _versions = await Versions.ListAsync(BotId);
        _aliases = await Versions.AliasesAsync(BotId);
        _moves = await Versions.MovesAsync(BotId);
        // A new version (published here or elsewhere) becomes the pickers' default, so the choice offered after
        // a publish is never the version it replaced.
        if (_versions.Count > 0 && _versions[0].Number != _newestShown)
        {
            _newestShown = _versions[0].Number;
            _moveTo = _versions[0].Number;
            _diffTo = _versions[0].Number;
            _diffFrom = _versions[Math.Min(1, _versions.Count - 1)].Number;
        }
    }

    private async Task PublishAsync(string? overrideReason)
    {
        if (!_canPublish)
        {
            return;
        }

        _busy = true;
        _refused = null;
        _published = null;
        try
        {
            var alias = string.IsNullOrWhiteSpace(_alias) ? null : _alias.Trim();
            var progress = new Progress<string>(stage =>
            {
                _stage = stage;
                _ = InvokeAsync(StateHasChanged);
            });
            _published = await Task.Run(() => Publisher.PublishAsync(BotId, new PublishRequest(alias, _notes, overrideReason), _user, progress));
            _publishedAlias = alias;
            _overrideReason = null;
            await LoadAsync();
        }
        catch (PublishRefusedException refused)
        {
            _refused = refused;
        }
        catch (Exception ex) when (ex is ArgumentException or Studio.Data.Access.PermissionDeniedException)
        {
            _refused = new PublishRefusedException(ex.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task MoveAsync()
    {
        _moveProblem = null;
        if (!_canPublish)
        {
            return;
        }

        var alias = _moveAlias?.Trim() ?? "";
        // An alias that exists serves traffic: moving it is a release or a rollback, so it is asked, naming both versions.
        if (_aliases.FirstOrDefault(a => a.Name == alias) is { } serving && serving.Version != _moveTo
            && await Dialogs.ShowMessageBoxAsync($"Point {alias} at version {_moveTo}?",
                $"'{alias}' serves version {serving.Version} now. Callers get version {_moveTo} from their next message.",
                yesText: $"Point {alias} at version {_moveTo}", cancelText: "Cancel") != true)
        {
            return;
        }

        try
        {
            await Versions.MoveAliasAsync(BotId, alias, _moveTo, _user);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or Studio.Data.Access.PermissionDeniedException)
        {
            _moveProblem = ex.Message;
        }
    }

    private async Task SplitAsync()
    {
        _moveProblem = null;
        var alias = _moveAlias?.Trim() ?? "";
        if (!_canPublish || await Dialogs.ShowMessageBoxAsync($"Split {alias}?",
                $"New conversations on '{alias}' go {100 - _splitPercent} % to version {_moveTo} and {_splitPercent} % to version {_splitSecond}; conversations under way stay where they are.",
                yesText: "Split traffic", cancelText: "Cancel") != true)
        {
            return;
        }

        try
        {
            await Versions.SplitAsync(BotId, alias, [(_moveTo, 100 - _splitPercent), (_splitSecond, _splitPercent)], _user);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or Studio.Data.Access.PermissionDeniedException)
        {
            _moveProblem = ex.Message;
        }
    }

    private async Task PromoteAsync(string alias, int version)
    {
        _moveProblem = null;
        if (await Dialogs.ShowMessageBoxAsync($"Promote version {version}?", $"'{alias}' stops splitting and serves version {version} to every conversation.",
                yesText: $"Promote version {version}", cancelText: "Cancel") != true)
        {
            return;
        }

        try
        {
            await Versions.MoveAliasAsync(BotId, alias, version, _user);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or Studio.Data.Access.PermissionDeniedException)
        {
            _moveProblem = ex.Message;
        }
    }

    private async Task DiffAsync()
    {
        if (await Versions.FindAsync(BotId, _diffFrom) is { } from && await Versions.FindAsync(BotId, _diffTo) is { } to)
        {
            _diff = VersionDiff.Between(from, to);
        }
    }

    private static string LineStyle(string kind) => kind switch
    {
        "added" => "color: #2e7d32; background: #e8f5e9",
        "removed" => "color: #c62828; background: #ffebee",
        _ => "color: #555",
    };
}
