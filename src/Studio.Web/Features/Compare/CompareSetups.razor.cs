using System.Globalization;
using Microsoft.AspNetCore.Components;
using Studio.Data.Comparisons;
using Studio.Inference.Comparison;
using Studio.Inference.Models;
using Studio.Web.Features.Common;
using Studio.Application.Jobs;
using Studio.Application.Training;

namespace Studio.Web.Features.Compare;

/// <summary>Starts a comparison in the background, shows the latest or a stored run, and applies a recommendation to the bot.</summary>
public sealed partial class CompareSetups
{
    private readonly HashSet<string> _chosen = [.. SetupChoices.Small];
    private double _tolerance = 1;
    private ComparisonSuite? _suite;
    private JobSnapshot? _run;
    private JobWatch? _jobs;
    private JobWatch? _walks;
    private StoredComparison? _shown;
    private IReadOnlyList<ComparisonSummary> _history = [];
    private EditResult? _edit;
    private readonly List<string> _extra = [];

    [Inject] private TrainingService Training { get; set; } = default!;

    [Inject] private ComparisonHistory History { get; set; } = default!;

    [Inject] private DraftSession Session { get; set; } = default!;

    [Inject] private ModelRegistry Registry { get; set; } = default!;

    [Inject] private MudBlazor.ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string BotId { get; set; } = "";

    private IEnumerable<string> Available => SetupChoices.For(Registry, Session.Bot).Concat(_extra).Distinct();

    protected override void OnInitialized()
    {
        _jobs = new JobWatch(Training, JobKind.Compare, OnJobChanged);
        _walks = new JobWatch(Training, JobKind.Ladder, OnWalkChanged); // a walk stores its runs here too
        Session.Changed += OnSessionChanged; // a prompt added on another tab is a setup to offer here
    }

    private void OnSessionChanged() => _ = InvokeAsync(StateHasChanged);

    protected override async Task OnParametersSetAsync()
    {
        _jobs?.Watch(BotId);
        _walks?.Watch(BotId);
        _run = Training.Run(BotId, JobKind.Compare);
        _history = await History.ListAsync(BotId);
        _shown = _history.Count > 0 ? await History.FindAsync(BotId, _history[0].Id) : null;
    }

    private void Toggle(string setup, bool on) => _chosen.Set(setup, on);

    private void Start()
    {
        if (Session.Current is { } current && _suite is { } suite)
        {
            _edit = null;
            try
            {
                _run = Training.StartComparison(current.Bot, current.Revision, [.. Available.Where(_chosen.Contains)], suite, _tolerance);
            }
            catch (Exception ex) when (ex is ArgumentException or JobQueueFullException)
            {
                Snackbar.Add(ex.Message, MudBlazor.Severity.Warning);
            }
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

    private void OnJobChanged(JobSnapshot job) => _ = InvokeAsync(async () =>
    {
        _run = Training.Run(BotId, JobKind.Compare);
        // A run just stored: list it and show it, once.
        if (_run is { Status: JobStatus.Succeeded, Result: ComparisonSummary stored } && !_history.Any(h => h.Id == stored.Id))
        {
            _history = await History.ListAsync(BotId);
            _shown = await History.FindAsync(BotId, stored.Id) ?? _shown;
        }

        StateHasChanged();
    });

    private void OnWalkChanged(JobSnapshot walk) => _ = InvokeAsync(async () =>
    {
        if (walk.Status == JobStatus.Succeeded)
        {
            _history = await History.ListAsync(BotId);
            StateHasChanged();
        }
    });

    private static string Describe(ComparisonSummary run) => string.Create(CultureInfo.CurrentCulture,
        $"{run.CreatedUtc.ToLocalTime():g} · revision {run.BotRevision} · {run.Suite} · {run.Setups}");

    public void Dispose()
    {
        Session.Changed -= OnSessionChanged;
        _jobs?.Dispose();
        _walks?.Dispose();
    }
}
