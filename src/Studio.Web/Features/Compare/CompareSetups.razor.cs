using System.Globalization;
using Microsoft.AspNetCore.Components;
using Studio.Data.Comparisons;
using Studio.Inference.Comparison;
using Studio.Inference.Models;
using Studio.Web.Features.Common;
using Studio.Application.Training;

namespace Studio.Web.Features.Compare;

/// <summary>Starts a comparison in the background, shows the latest or a stored run, and applies a recommendation to the bot.</summary>
public sealed partial class CompareSetups
{
    private readonly HashSet<string> _chosen = [.. SetupChoices.Small];
    private double _tolerance = 1;
    private ComparisonSuite? _suite;
    private BackgroundRun? _run;
    private StoredComparison? _shown;
    private IReadOnlyList<ComparisonSummary> _history = [];
    private EditResult? _edit;
    private readonly List<string> _extra = [];

    [Inject] private TrainingService Training { get; set; } = default!;

    [Inject] private ComparisonHistory History { get; set; } = default!;

    [Inject] private DraftSession Session { get; set; } = default!;

    [Inject] private ModelRegistry Registry { get; set; } = default!;

    [Parameter, EditorRequired] public string BotId { get; set; } = "";

    private IEnumerable<string> Available => SetupChoices.For(Registry).Concat(_extra).Distinct();

    protected override void OnInitialized() => Training.Changed += OnChanged;

    protected override async Task OnParametersSetAsync()
    {
        _run = Training.Run(BotId, TrainingService.Compare);
        _history = await History.ListAsync(BotId);
        _shown = Training.Comparison(BotId) ?? (_history.Count > 0 ? await History.FindAsync(BotId, _history[0].Id) : null);
    }

    private void Toggle(string setup, bool on) => _chosen.Set(setup, on);

    private void Start()
    {
        if (Session.Current is { } current && _suite is { } suite)
        {
            _edit = null;
            _run = Training.StartComparison(current.Bot, current.Revision, [.. Available.Where(_chosen.Contains).Select(Studio.Core.Setups.BotSetup.Parse)], suite, _tolerance);
        }
    }

    private async Task ShowAsync(long id) => _shown = await History.FindAsync(BotId, id) ?? _shown;

    private async Task AssignAsync(string setup) => _edit = await Session.EditAsync(bot =>
    {
        Studio.Core.Setups.BotSetup.Parse(setup).ApplyTo(bot);
        return null;
    });

    private void AddCustom(string setup)
    {
        _extra.Add(setup);
        _chosen.Add(setup);
    }

    private void OnChanged(string botId)
    {
        if (botId == BotId)
        {
            _ = InvokeAsync(async () =>
            {
                _run = Training.Run(BotId, TrainingService.Compare);
                if (_run is { IsRunning: false } && Training.Comparison(BotId) is { } latest && latest.Summary.Id != _shown?.Summary.Id && !_history.Any(h => h.Id == latest.Summary.Id))
                {
                    _history = await History.ListAsync(BotId);
                    _shown = Training.Comparison(BotId) ?? _shown;
                }

                StateHasChanged();
            });
        }
    }

    private static string Describe(ComparisonSummary run) => string.Create(CultureInfo.CurrentCulture,
        $"{run.CreatedUtc.ToLocalTime():g} · revision {run.BotRevision} · {run.Suite} · {run.Setups}");

    public void Dispose() => Training.Changed -= OnChanged;
}
