using System.Globalization;
using Microsoft.AspNetCore.Components;
using Studio.Core.Bots;
using Studio.Inference.Bots;
using Studio.Web.Features.Common;
using Studio.Application.Jobs;
using Studio.Application.Training;

namespace Studio.Web.Features.Quality;

/// <summary>Runs cross-validation of a bot's intents in the background and shows where to improve, with one-click fixes.</summary>
public sealed partial class IntentQuality
{
    private string _rung = "encoder";
    private JobSnapshot? _run;
    private JobWatch? _jobs;
    private IntentQualityReport? _report;
    private EditResult? _edit;
    private EditResult? _settingEdit;
    private readonly HashSet<string> _handled = [];

    [Inject] private TrainingService Training { get; set; } = default!;

    [Inject] private DraftSession Session { get; set; } = default!;

    [Inject] private MudBlazor.ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string BotId { get; set; } = "";

    protected override void OnInitialized() => _jobs = new JobWatch(Training, JobKind.Quality, OnJobChanged);

    protected override void OnParametersSet()
    {
        _jobs?.Watch(BotId);
        Refresh();
    }

    private double AccuracyCost => Session.Bot?.Fallback?.OutOfScopeAccuracyCost ?? Studio.Inference.Classification.TrainingOptions.DefaultOutOfScopeAccuracyCost * 100;

    private async Task SetAccuracyCostAsync(double points) => _settingEdit = await Session.EditAsync(bot =>
    {
        bot.Fallback ??= new FallbackPolicy();
        bot.Fallback.OutOfScopeAccuracyCost = double.IsFinite(points) ? Math.Clamp(points, 0, FallbackPolicy.MaxOutOfScopeAccuracyCost) : null;
        return null;
    });

    private void Start()
    {
        if (Session.Current is { } current)
        {
            _handled.Clear();
            try
            {
                _run = Training.StartQuality(current.Bot, _rung);
            }
            catch (JobQueueFullException full)
            {
                Snackbar.Add(full.Message, MudBlazor.Severity.Warning);
            }
        }
    }

    private async Task MoveAsync(SuspectExample suspect)
    {
        _edit = await Session.EditAsync(bot =>
        {
            var from = bot.Intents.FirstOrDefault(i => i.Name == suspect.Intent);
            var to = bot.Intents.FirstOrDefault(i => i.Name == suspect.LooksLike);
            // The analysis saw the example without its entity marks; the marks move with it.
            var index = from?.Examples.FindIndex(e => Studio.Core.Entities.ExampleMarkup.Plain(e) == suspect.Example) ?? -1;
            if (from is null || to is null || index < 0)
            {
                return "That example or intent has changed since the analysis; run it again.";
            }

            to.Examples.Add(from.Examples[index]);
            from.Examples.RemoveAt(index);
            return null;
        });
        if (_edit.Saved)
        {
            _handled.Add(suspect.Example);
        }
    }

    private void Refresh()
    {
        _run = Training.Run(BotId, JobKind.Quality);
        _report = Training.QualityReport(BotId);
    }

    private void OnJobChanged(JobSnapshot job) => _ = InvokeAsync(() =>
    {
        Refresh();
        StateHasChanged();
    });

    private static string Pct(double value) => (value * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %";

    public void Dispose() => _jobs?.Dispose();
}
