using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Studio.Core.Bots;
using Studio.Web.Features.Common;

namespace Studio.Web.Features.Intents;

/// <summary>Lists a bot's intents with a filter, adds new ones, and edits the selected one in <see cref="IntentDetail"/>.</summary>
public sealed partial class IntentsEditor
{
    private string _filter = "";
    private string _newIntent = "";
    private string? _selected;
    private EditResult? _result;

    [Inject] private DraftSession Session { get; set; } = default!;

    [Parameter, EditorRequired] public string BotId { get; set; } = "";

    protected override void OnInitialized() => Session.Changed += OnSessionChanged;

    protected override async Task OnParametersSetAsync()
    {
        await Session.LoadAsync(BotId);
        _selected ??= Session.Bot?.Intents.FirstOrDefault()?.Name;
    }

    private IEnumerable<Intent> VisibleIntents(BotDefinition bot) =>
        string.IsNullOrWhiteSpace(_filter) ? bot.Intents : bot.Intents.Where(i => IntentFilter.Matches(i, _filter));

    private Intent? SelectedIntent(BotDefinition bot) => bot.Intents.FirstOrDefault(i => i.Name == _selected);

    private void Select(string? name) => _selected = name;

    private async Task OnNewIntentKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await AddIntentAsync();
        }
    }

    private async Task AddIntentAsync()
    {
        var name = _newIntent.Trim();
        var result = await EditAsync(bot =>
        {
            if (name.Length == 0)
            {
                return "Type a name for the new intent first.";
            }

            bot.Intents.Add(new Intent { Name = name });
            return null;
        });
        if (result.Saved)
        {
            _newIntent = "";
            _selected = name;
        }
    }

    /// <summary>Every change on this page goes through here, so problems and stale saves show in one place.</summary>
    private async Task<EditResult> EditAsync(Func<BotDefinition, string?> change)
    {
        _result = await Session.EditAsync(change);
        StateHasChanged();
        return _result;
    }

    private void OnReloaded()
    {
        _result = null;
        if (Session.Bot is { } bot && bot.Intents.All(i => i.Name != _selected))
        {
            _selected = bot.Intents.FirstOrDefault()?.Name;
        }
    }

    private void OnSessionChanged() => InvokeAsync(StateHasChanged);

    public void Dispose() => Session.Changed -= OnSessionChanged;
}
