using System.Globalization;
using Microsoft.AspNetCore.Components;
using Studio.Core.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Comparison;
using Studio.Inference.Models;
using Studio.Web.Features.Common;
using Studio.Web.Training;

namespace Studio.Web.Features.Compare;

/// <summary>Starts a comparison in the background, shows its results, and applies the recommendation to the bot.</summary>
public sealed partial class CompareSetups
{
    private static readonly string[] SmallSetups = ["ngram", "encoder", "cascade:ngram>encoder"];

    private readonly HashSet<string> _chosen = [.. SmallSetups];
    private double _tolerance = 1;
    private bool _onlyDisagreements;
    private BackgroundRun? _run;
    private ComparisonOutcome? _outcome;
    private EditResult? _edit;

    [Inject] private TrainingService Training { get; set; } = default!;

    [Inject] private DraftSession Session { get; set; } = default!;

    [Inject] private ModelRegistry Registry { get; set; } = default!;

    [Parameter, EditorRequired] public string BotId { get; set; } = "";

    private IEnumerable<string> Available =>
        SmallSetups.Concat(Registry.Profiles.Where(p => p.IsGenerative && Registry.Status(p).Available).Select(p => p.Id));

    protected override void OnInitialized() => Training.Changed += OnChanged;

    protected override void OnParametersSet() => Refresh();

    private void Toggle(string setup, bool on)
    {
        if (on)
        {
            _chosen.Add(setup);
        }
        else
        {
            _chosen.Remove(setup);
        }
    }

    private void Start()
    {
        if (Session.Current is { } current)
        {
            _edit = null;
            _run = Training.StartComparison(current.Bot, current.Revision, [.. Available.Where(_chosen.Contains)], _tolerance);
        }
    }

    private async Task AssignAsync(string setup)
    {
        _edit = await Session.EditAsync(bot =>
        {
            bot.Models ??= new ModelAssignment();
            if (CascadeIntentClassifier.Parse(setup) is { } cascade)
            {
                bot.Models.Intent = cascade.Large; // what answers when the cascade is not in use
                bot.Models.Cascade = new CascadeSetting { Small = cascade.Small, Large = cascade.Large, Threshold = cascade.Threshold };
            }
            else
            {
                bot.Models.Intent = setup;
                bot.Models.Cascade = null;
            }

            return null;
        });
    }

    private void Refresh()
    {
        _run = Training.Run(BotId, TrainingService.Compare);
        _outcome = Training.Comparison(BotId);
    }

    private void OnChanged(string botId)
    {
        if (botId == BotId)
        {
            _ = InvokeAsync(() =>
            {
                Refresh();
                StateHasChanged();
            });
        }
    }

    private static string Pct(double value) => (value * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %";

    private static string Ms(double value) => value.ToString("0.00", CultureInfo.CurrentCulture) + " ms";

    public void Dispose() => Training.Changed -= OnChanged;
}
