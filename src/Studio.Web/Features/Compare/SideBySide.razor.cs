using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Studio.Data.Comparisons;
using Studio.Inference.Comparison;
using Studio.Inference.Models;
using Studio.Web.Features.Common;
using Studio.Web.Features.Test;
using Studio.Application.Training;

namespace Studio.Web.Features.Compare;

/// <summary>Sends each message to every chosen setup at once and, in blind mode, records which reply the designer prefers.</summary>
public sealed partial class SideBySide
{
    private readonly HashSet<string> _chosen = ["ngram", "encoder"];
    private readonly CancellationTokenSource _closing = new();
    private List<LiveColumn> _columns = [];
    private string _message = "";
    private string? _voteProblem;
    private string? _problem;
    private string? _voted;
    private bool _busy;
    private bool _blind;
    private bool _revealed;
    private VoteLeaderboard? _leaderboard;
    private readonly List<string> _extra = [];

    [Inject] private TrainingService Training { get; set; } = default!;

    [Inject] private DraftSession Session { get; set; } = default!;

    [Inject] private ModelRegistry Registry { get; set; } = default!;

    [Inject] private LiveReplier Replier { get; set; } = default!;

    [Inject] private ComparisonStore Votes { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public string BotId { get; set; } = "";

    private IEnumerable<string> Available => SetupChoices.For(Registry, Session.Bot).Concat(_extra).Distinct();

    protected override void OnInitialized()
    {
        Session.Changed += OnSessionChanged; // a prompt added on another tab is a setup to offer here
        // A large model phrasing the replies, when one is ready, is the interesting partner for the encoder.
        if (Available.FirstOrDefault(s => s.StartsWith("encoder+generation:", StringComparison.Ordinal)) is { } phrased)
        {
            _chosen.Remove("ngram");
            _chosen.Add(phrased);
        }

        NewRound();
    }

    private void AddCustom(string setup)
    {
        _extra.Add(setup);
        Toggle(setup, true);
    }

    private void Toggle(string setup, bool on)
    {
        _chosen.Set(setup, on);
        NewRound();
    }

    private void SetBlind(bool blind)
    {
        _blind = blind;
        NewRound();
    }

    // Blind rounds shuffle the columns so position says nothing about the setup.
    private void NewRound()
    {
        var setups = Available.Where(_chosen.Contains).ToArray();
        if (_blind)
        {
            Random.Shared.Shuffle(setups);
        }

        _columns = [.. setups.Select(s => new LiveColumn(Studio.Core.Setups.BotSetup.Parse(s)))];
        _revealed = false;
        _voted = null;
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

        if (Session.Current is not { } current)
        {
            return;
        }

        if (_revealed)
        {
            NewRound(); // a vote ends a blind round; the next message starts a fresh one
        }

        _busy = true;
        try
        {
            var trained = await Training.CurrentAsync(current.Bot, current.Revision, _closing.Token);
            _message = "";
            void Changed() => _ = InvokeAsync(StateHasChanged);
            // Small setups answer first, one after the other, so their latency is not inflated by a large model
            // generating on the same cores; large models then answer together and stream.
            var large = _columns.Where(c => LiveReplier.UsesLargeModel(c.Setup)).ToList();
            foreach (var column in _columns.Except(large))
            {
                await Replier.AnswerAsync(column, current.Bot, trained, message, Changed, _closing.Token);
            }

            await Task.WhenAll(large.Select(column => Replier.AnswerAsync(column, current.Bot, trained, message, Changed, _closing.Token)));
        }
        catch (Studio.Inference.Bots.BotTrainingException ex)
        {
            _problem = ex.Message;
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return; // the page is closing
        }
        finally
        {
            _busy = false;
        }
    }

    private Task VoteAsync(LiveColumn winner) => RecordAsync(
        async message =>
        {
            foreach (var loser in _columns.Where(c => c != winner))
            {
                await Votes.VoteAsync(BotId, winner.Setup.Name, loser.Setup.Name, message);
            }
        },
        string.Create(CultureInfo.CurrentCulture, $"Recorded: {winner.Setup} preferred over {string.Join(", ", _columns.Where(c => c != winner).Select(c => c.Setup))}."));

    // Neither reply was better: every pair of columns is recorded as a tie, half a win to each side.
    private Task TieAsync() => RecordAsync(
        async message =>
        {
            for (var a = 0; a < _columns.Count; a++)
            {
                for (var b = a + 1; b < _columns.Count; b++)
                {
                    await Votes.VoteAsync(BotId, _columns[a].Setup.Name, _columns[b].Setup.Name, message, tie: true);
                }
            }
        },
        string.Create(CultureInfo.CurrentCulture, $"Recorded: a tie between {string.Join(", ", _columns.Select(c => c.Setup))}."));

    // Records the round's votes on its last message, then reveals the setups and refreshes the leaderboard.
    private async Task RecordAsync(Func<string, Task> record, string recorded)
    {
        try
        {
            await record(_columns[0].Turns[^1].User);
        }
        catch (Exception ex) when (ex is ArgumentException or Studio.Data.Access.PermissionDeniedException)
        {
            _voteProblem = ex.Message;
            return;
        }

        _revealed = true;
        _voted = recorded;
        if (_leaderboard is not null)
        {
            await _leaderboard.RefreshAsync();
        }
    }

    private bool AllRepliesIdentical => _columns.Select(c => c.Turns.Count > 0 ? c.Turns[^1].Reply : null).Distinct().Count() == 1;

    private void OnSessionChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        Session.Changed -= OnSessionChanged;
        _closing.Cancel();
        _closing.Dispose();
    }
}
