using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Studio.Core.Conversations;
using Studio.Web.Features.Common;
using Studio.Application.Training;

namespace Studio.Web.Features.Test;

/// <summary>A conversation with the draft bot: the trained models understand, the engine answers, every turn keeps its trace.</summary>
public sealed partial class ChatConsole
{
    private readonly List<ChatTurn> _turns = [];
    private ConversationState _state = new();
    private string _message = "";
    private string? _problem;
    private bool _busy;

    [Inject] private TrainingService Training { get; set; } = default!;

    [Inject] private DraftSession Session { get; set; } = default!;

    [Inject] private Studio.Inference.Serving.BotPipelineFactory Pipelines { get; set; } = default!;

    [Inject] private Studio.Inference.Models.ModelRegistry Registry { get; set; } = default!;

    [Parameter, EditorRequired] public string BotId { get; set; } = "";

    protected override void OnInitialized() => Session.Changed += OnSessionChanged;

    private void Reset()
    {
        _turns.Clear();
        _state = new ConversationState();
        _problem = null;
    }

    private async Task OnKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await SendAsync();
        }
    }

    private async Task SendAsync()
    {
        var message = _message.Trim();
        _problem = TestConsole.MessageProblem(message);
        if (_problem is not null)
        {
            return;
        }

        if (Training.Trained(BotId) is not { } trained || Session.Bot is not { } bot)
        {
            _problem = "Train the bot first (the Train button above); it takes a few seconds.";
            return;
        }

        _busy = true;
        try
        {
            // The pipeline the bot is served with; CPU work runs off the circuit's synchronisation context.
            var answered = await Task.Run(() => Pipelines.Create(bot, trained).AnswerAsync(_state, message, null, CancellationToken.None));
            _turns.Add(new ChatTurn(message, answered.Analysis, answered.Result));
            _message = "";
        }
        catch (Exception ex) when (ex is ArgumentException or Studio.Inference.Models.ModelUnavailableException or Studio.Inference.Models.ModelBusyException)
        {
            _problem = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private string _testName = "";
    private EditResult? _saved;

    private async Task SaveAsTestAsync()
    {
        var name = _testName.Trim().Length > 0 ? _testName.Trim() : $"chat {DateTime.Now:yyyy-MM-dd HH:mm}";
        var test = ChatAsTest.From(name, _turns.Select(t => (t.User, t.Analysis.ToUnderstanding(), t.Result)));
        _saved = await Session.EditAsync(bot =>
        {
            if (bot.Tests.Any(t => t.Name == name))
            {
                return $"There is already a test '{name}'; give this one another name.";
            }

            bot.Tests.Add(test);
            return null;
        });
    }

    private Task PressAsync(ReplyButton button)
    {
        _message = button.Payload;
        return SendAsync();
    }

    private static string Summary(ChatTurn turn) =>
        (turn.Analysis.Intent.Intent ?? "out of scope") + (turn.Result.NodesPassed.Count > 0 ? " → " + string.Join(" → ", turn.Result.NodesPassed) : "")
        + (turn.Result.Fallback ? " (fallback)" : "");

    private void OnSessionChanged() => InvokeAsync(StateHasChanged);

    public void Dispose() => Session.Changed -= OnSessionChanged;
}
