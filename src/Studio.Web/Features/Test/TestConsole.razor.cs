using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Studio.Core.Bots;
using Studio.Inference.Bots;
using Studio.Web.Features.Common;
using Studio.Application.Training;

namespace Studio.Web.Features.Test;

/// <summary>Analyses typed messages with the bot's trained models, and turns a misread into a new example in one click.</summary>
public sealed partial class TestConsole
{
    public const int MaxMessageLength = 2000;

    /// <summary>Why a typed message cannot be sent (empty or too long), or null when it can.</summary>
    public static string? MessageProblem(string message) => message.Length switch
    {
        0 => "Type a message first.",
        > MaxMessageLength => $"Messages are limited to {MaxMessageLength:N0} characters.",
        _ => null,
    };

    private string _message = "";
    private string? _problem;
    private string? _correctIntent;
    private bool _busy;
    private TurnAnalysis? _analysis;
    private string? _largeModel;
    private Studio.Inference.Llm.LlmAnalysis? _llm;
    private EditResult? _edit;

    [Inject] private TrainingService Training { get; set; } = default!;

    [Inject] private DraftSession Session { get; set; } = default!;

    [Inject] private Studio.Inference.Serving.BotPipelineFactory Pipelines { get; set; } = default!;

    [Inject] private Studio.Inference.Models.ModelRegistry Registry { get; set; } = default!;

    [Inject] private Studio.Inference.Llm.LlmAnalyzer LlmAnalyzer { get; set; } = default!;

    private IEnumerable<Studio.Inference.Models.ModelProfile> LargeModels =>
        Registry.AvailableGenerative;

    [Parameter, EditorRequired] public string BotId { get; set; } = "";

    protected override void OnInitialized() => Session.Changed += OnSessionChanged;

    private async Task OnKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await AnalyzeAsync();
        }
    }

    private async Task AnalyzeAsync()
    {
        _problem = null;
        _edit = null;
        var message = _message.Trim();
        if (message.Length == 0)
        {
            _problem = "Type a message first.";
            return;
        }

        if (message.Length > MaxMessageLength)
        {
            _problem = $"That message is {message.Length:N0} characters; the console takes up to {MaxMessageLength:N0}.";
            return;
        }

        if (Training.Trained(BotId) is not { } trained)
        {
            _problem = "Train the bot first (the Train button above); it takes a few seconds.";
            return;
        }

        _busy = true;
        try
        {
            // The pipeline the bot is served with, so the timings show what the runtime would run; CPU work stays off the circuit's context.
            var draft = Session.Bot ?? throw new InvalidOperationException("The draft is not loaded.");
            _analysis = await Task.Run(() => Pipelines.Create(draft, trained).UnderstandAsync(message));
            _correctIntent = _analysis.Intent.Intent;
            _llm = null;
            if (_largeModel is { } model && Session.Bot is { } bot)
            {
                StateHasChanged(); // show the small rungs' answer while the large one thinks
                _llm = await Task.Run(() => LlmAnalyzer.AnalyzeAsync(bot, model, message));
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task AddExampleAsync()
    {
        if (_analysis is not { } analysis || _correctIntent is not { } intentName)
        {
            return;
        }

        _edit = await Session.EditAsync(bot => bot.Intents.FirstOrDefault(i => i.Name == intentName) is { } intent
            ? AddTo(intent.Examples, AsExample(bot, analysis))
            : $"The intent '{intentName}' no longer exists.");
    }

    private async Task LabelSentimentAsync(string label)
    {
        if (_analysis is not { } analysis)
        {
            return;
        }

        _edit = await Session.EditAsync(bot =>
        {
            bot.Sentiment ??= new SentimentPolicy();
            bot.Sentiment.Examples.RemoveAll(e => e.Text == analysis.Text);
            bot.Sentiment.Examples.Add(new SentimentExample { Text = analysis.Text, Label = label });
            return null;
        });
    }

    // The message with the list entities found in it marked, so the example keeps teaching them; a fuzzy match is left
    // unmarked, since marking it would teach the typo as a synonym.
    private static string AsExample(BotDefinition bot, TurnAnalysis analysis) =>
        Studio.Core.Entities.ExampleMarkup.Write(analysis.Text, analysis.Entities
            .Where(e => e.Extractor == "list" && e.Text.AsSpan().IndexOfAny("[]\r\n") < 0 && e.Start + e.Length <= analysis.Text.Length && bot.Entities.Any(d => d.Name == e.Entity && d.Kind == EntityKind.List))
            .Select(e => new Studio.Core.Entities.MarkedSpan(e.Start, e.Length, e.Entity, string.Equals(e.Value, e.Text, StringComparison.OrdinalIgnoreCase) || !Studio.Core.Entities.ExampleMarkup.CanBeValue(e.Value) ? null : e.Value)));

    private static string? AddTo(List<string> examples, string text)
    {
        var plain = Studio.Core.Entities.ExampleMarkup.Plain(text);
        if (examples.Any(e => string.Equals(Studio.Core.Entities.ExampleMarkup.Plain(e), plain, StringComparison.OrdinalIgnoreCase)))
        {
            return "That message is already an example of this intent.";
        }

        examples.Add(text);
        return null;
    }

    private void OnSessionChanged() => InvokeAsync(StateHasChanged);

    public void Dispose() => Session.Changed -= OnSessionChanged;
}
