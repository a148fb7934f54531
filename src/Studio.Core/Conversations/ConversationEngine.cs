using System.Globalization;
using Studio.Core.Bots;

namespace Studio.Core.Conversations;

/// <summary>
/// Runs a bot's flows, one user turn at a time. An intent starts the flow it triggers (or the response of the
/// same name); ask nodes wait for a slot and re-prompt up to their limit; branches test slots, sentiment,
/// intent and confidence; out-of-scope or unsure input gets the fallback; the sentiment policy can apologise
/// or hand off; action nodes call enterprise APIs and take <c>next</c> or <c>onError</c>. A turn never runs more than
/// <see cref="StepLimit"/> nodes.
/// </summary>
/// <param name="actions">Makes action nodes' calls; without it (a turn replayed only to restore state) no call is made
/// again, so a side effect such as blocking a card never happens twice, and the flow goes on at <c>onError</c>.</param>
public sealed class ConversationEngine(BotDefinition bot, FlowGeneration? generate = null, KnowledgeAnswerer? knowledge = null, ActionCaller? actions = null)
{
    public const int StepLimit = 50;

    /// <summary>Action calls one turn may make: a flow that loops through an action cannot flood an API from one message.</summary>
    public const int MaxActionCallsPerTurn = 5;

    /// <summary>While a slot is awaited, only a confident new intent changes the subject; a vague answer is a failed attempt.</summary>
    public const float DigressionConfidence = 0.8f;

    /// <summary>
    /// Lines of history a conversation keeps. The state is stored after every turn and a random variation is drawn from
    /// the history, so it must not grow with the conversation; the hand-off summary needs only the last few messages.
    /// </summary>
    public const int MaxHistoryLines = 40;

    private const string DefaultFallback = "Sorry, I didn't understand that.";
    private const string DefaultHandoff = "I'm passing you to a colleague who can help.";

    /// <summary>The bot's answer to one message, understood as given; generation and knowledge stop when the token is cancelled.</summary>
    public async Task<TurnResult> HandleAsync(ConversationState state, string text, TurnUnderstanding understanding, CancellationToken cancellationToken = default)
    {
        // A button's "/intent" payload is that intent, said with certainty.
        if (ReplyButton.IntentOf(text) is { } pressed && bot.Intents.Any(i => i.Name == pressed))
        {
            understanding = understanding with { Intent = pressed, Confidence = 1, OutOfScope = false };
        }

        var turn = new Turn(state, text, understanding, new Dictionary<string, string>(state.Slots), cancellationToken);
        state.History.Add(new ConversationLine("user", text));

        if (ApplySentimentPolicy(turn))
        {
            return turn.Finish();
        }

        if (state.WaitingAt is { } waiting && FindFlow(state.Flow) is { } current && current.Nodes.FirstOrDefault(n => n.Id == waiting) is { } ask)
        {
            if (TryFill(ask, turn))
            {
                state.WaitingAt = null;
                await RunAsync(turn, current, ask.Next);
            }
            else if (Understood(understanding) && understanding.Confidence >= DigressionConfidence && Trigger(understanding.Intent!) is { } other && other.Flow != current)
            {
                turn.Decision = $"Intent won: {Confident(understanding)} changes the subject from flow {current.Name} to flow {other.Flow.Name}.";
                await StartAsync(turn, other.Flow, other.Node); // the user changed the subject
            }
            else if (++state.Attempts >= (ask.MaxAttempts ?? 2))
            {
                turn.Note = $"Slot '{ask.Slot}' not filled after {state.Attempts} attempts.";
                Fallback(turn);
            }
            else
            {
                Say(turn, ask.Response);
            }
        }
        else if (!Understood(understanding))
        {
            // Not sure enough of any intent: the documents answer if one passage is confident, else the fallback.
            var why = understanding.OutOfScope || understanding.Intent is null
                ? "out of scope"
                : string.Create(CultureInfo.InvariantCulture, $"{Confident(understanding)} is below its threshold {ThresholdOf(understanding.Intent) * 100:0.#} %");
            if (await AnswerFromKnowledgeAsync(turn, null) is { } answer)
            {
                turn.Decision = $"Knowledge won: {why}; {Describe(answer)}.";
            }
            else
            {
                turn.Decision = $"Fallback: {why}{NoPassage}.";
                Fallback(turn);
            }
        }
        else if (Trigger(understanding.Intent!) is { } start)
        {
            turn.Decision = string.Create(CultureInfo.InvariantCulture,
                $"Intent won: {Confident(understanding)} reaches its threshold {ThresholdOf(understanding.Intent!) * 100:0.#} % and starts flow {start.Flow.Name}.");
            await StartAsync(turn, start.Flow, start.Node);
        }
        else if (DocumentsBeforeResponses && await AnswerFromKnowledgeAsync(turn, null) is { } answer)
        {
            // An intent with no flow has at most a one-line response; a document that answers the question says more.
            turn.Decision = $"Knowledge won: {understanding.Intent} has no flow; {Describe(answer)}.";
        }
        else if (bot.Responses.Any(r => r.Name == understanding.Intent))
        {
            turn.Decision = $"Intent won: {understanding.Intent} has no flow and says its response{(DocumentsBeforeResponses && knowledge is not null ? "; no passage is confident enough" : "")}.";
            Say(turn, understanding.Intent);
        }
        else if (!DocumentsBeforeResponses && await AnswerFromKnowledgeAsync(turn, null) is { } late)
        {
            turn.Decision = $"Knowledge won: {understanding.Intent} has neither a flow nor a response; {Describe(late)}.";
        }
        else
        {
            turn.Decision = $"Fallback: {understanding.Intent} has neither a flow nor a response{NoPassage}.";
            Fallback(turn); // an intent with nothing to do, and nothing in the documents either
        }

        return turn.Finish();
    }

    private bool Understood(TurnUnderstanding u) =>
        !u.OutOfScope && u.Intent is not null && u.Confidence >= ThresholdOf(u.Intent);

    // The intent's own threshold when the designer set one, else the bot's.
    private double ThresholdOf(string intent) =>
        bot.Intents.FirstOrDefault(i => i.Name == intent)?.Threshold ?? bot.Fallback?.ConfidenceThreshold ?? 0;

    // Whether a confident passage answers before the response of an intent without a flow (decision 0022).
    private bool DocumentsBeforeResponses => bot.Knowledge?.AnswersIntentsWithoutFlow == true;

    // What a Why line adds when the documents were asked and had nothing confident.
    private string NoPassage => knowledge is null ? "" : ", and no passage is confident enough";

    private static string Confident(TurnUnderstanding u) => string.Create(CultureInfo.InvariantCulture, $"{u.Intent} at {u.Confidence * 100:0.0} %");

    private static string Describe(KnowledgeAnswer answer) =>
        string.Create(CultureInfo.InvariantCulture, $"the documents answer from {answer.Source} (best match {answer.Score:0.00})");

    private bool ApplySentimentPolicy(Turn turn)
    {
        if (bot.Sentiment is not { } policy)
        {
            return false;
        }

        turn.State.NegativeTurns = turn.Understanding.SentimentScore <= policy.NegativeThreshold ? turn.State.NegativeTurns + 1 : 0;
        if (turn.State.NegativeTurns < policy.NegativeTurnsBeforeHandoff)
        {
            return false;
        }

        switch (policy.OnNegative)
        {
            case NegativeSentimentAction.Handoff when !turn.State.HandedOff:
                turn.Note = $"{turn.State.NegativeTurns} negative turns in a row: sentiment policy hands off.";
                Handoff(turn, null);
                return true;
            case NegativeSentimentAction.Apologise when turn.State.NegativeTurns == policy.NegativeTurnsBeforeHandoff:
                turn.Replies.Add("I'm sorry this has been frustrating.");
                return false;
            default:
                return false;
        }
    }

    private (Flow Flow, FlowNode Node)? Trigger(string intent)
    {
        foreach (var flow in bot.Flows)
        {
            if (flow.Nodes.FirstOrDefault(n => n.Type == FlowNodeType.Trigger && n.Intent == intent) is { } node)
            {
                return (flow, node);
            }
        }

        return null;
    }

    private Flow? FindFlow(string? name) => name is null ? null : bot.Flows.FirstOrDefault(f => f.Name == name);

    private Task StartAsync(Turn turn, Flow flow, FlowNode trigger)
    {
        turn.State.Flow = flow.Name;
        turn.State.WaitingAt = null;
        turn.State.Attempts = 0;
        return RunAsync(turn, flow, trigger.Id);
    }

    private async Task RunAsync(Turn turn, Flow flow, string? nodeId)
    {
        for (var steps = 0; nodeId is not null; steps++)
        {
            if (steps >= StepLimit)
            {
                turn.Note = $"Stopped after {StepLimit} steps: the flow '{flow.Name}' loops without asking the user anything.";
                Fallback(turn);
                return;
            }

            var node = flow.Nodes.FirstOrDefault(n => n.Id == nodeId);
            if (node is null)
            {
                break;
            }

            turn.Nodes.Add($"{flow.Name}/{node.Id}");
            switch (node.Type)
            {
                case FlowNodeType.Say:
                    Say(turn, node.Response);
                    break;
                case FlowNodeType.Ask when !turn.State.Slots.ContainsKey(node.Slot ?? "") && !TryFill(node, turn):
                    turn.State.WaitingAt = node.Id;
                    turn.State.Attempts = 0;
                    Say(turn, node.Response);
                    return;
                case FlowNodeType.Branch:
                    nodeId = node.Branches?.FirstOrDefault(b => Holds(b, turn))?.Next;
                    continue;
                case FlowNodeType.Generate:
                    if (generate is not null && await generate(ResponsePlaceholders.Fill(node.Prompt ?? "", ValueOf(turn)), turn.State, turn.CancellationToken) is { Length: > 0 } generated)
                    {
                        turn.Replies.Add(generated);
                    }
                    else
                    {
                        Say(turn, node.Response);
                    }

                    break;
                case FlowNodeType.Knowledge:
                    if (await AnswerFromKnowledgeAsync(turn, node) is null)
                    {
                        Say(turn, node.Response); // what to say when the documents do not hold the answer
                    }

                    break;
                case FlowNodeType.Action:
                    nodeId = await CallAsync(turn, node);
                    continue;
                case FlowNodeType.Handoff:
                    Handoff(turn, node.Response);
                    return;
                case FlowNodeType.End:
                    EndFlow(turn.State);
                    return;
            }

            nodeId = node.Next;
        }

        EndFlow(turn.State);
    }

    // The node after an action: next on success, onError on failure; a failure with nowhere to go is the fallback.
    private async Task<string?> CallAsync(Turn turn, FlowNode node)
    {
        if (actions is null)
        {
            // A replayed turn cannot know how the call went, and must not make it again: it fails closed, so a check
            // that was never passed is never taken as passed.
            return node.OnError;
        }

        var action = bot.Actions.FirstOrDefault(a => a.Name == node.Action);
        var call = action is null ? ActionCall.NotCalled(node.Action ?? "", $"The bot has no action '{node.Action}'.")
            : turn.Actions.Count >= MaxActionCallsPerTurn ? ActionCall.NotCalled(action.Name, $"A turn makes at most {MaxActionCallsPerTurn} action calls.")
            : action.Method != "GET" && turn.Actions.Any(a => a.Action == action.Name) ? ActionCall.NotCalled(action.Name, $"'{action.Name}' changes something and was already called in this turn.")
            : await actions(action, turn.State.Slots, turn.CancellationToken);
        turn.Actions.Add(call);
        foreach (var (slot, value) in call.Slots)
        {
            turn.State.Slots[slot] = value;
        }

        if (call.Succeeded)
        {
            return node.Next;
        }

        if (node.OnError is { } onError)
        {
            return onError;
        }

        turn.Note = $"Action '{call.Action}' failed ({call.Detail}) and node '{node.Id}' has no onError.";
        Fallback(turn);
        return null;
    }

    private static bool TryFill(FlowNode ask, Turn turn)
    {
        var entity = ask.Entity ?? ask.Slot;
        if (ask.Slot is null || turn.Understanding.Entities.FirstOrDefault(e => e.Entity == entity) is not { } found)
        {
            return false;
        }

        turn.State.Slots[ask.Slot] = found.Value;
        return true;
    }

    private static bool Holds(FlowBranch branch, Turn turn)
    {
        var u = turn.Understanding;
        string? actual = branch.On switch
        {
            "slot" => turn.State.Slots.GetValueOrDefault(branch.Slot ?? ""),
            "sentiment" => branch.Operator is "lessThan" or "greaterThan" ? u.SentimentScore.ToString(CultureInfo.InvariantCulture) : u.Sentiment,
            "intent" => u.Intent,
            "confidence" => u.Confidence.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        return branch.Operator switch
        {
            "otherwise" => true,
            "isSet" => actual is not null,
            "equals" => string.Equals(actual, branch.Value, StringComparison.OrdinalIgnoreCase),
            "notEquals" => !string.Equals(actual, branch.Value, StringComparison.OrdinalIgnoreCase),
            "lessThan" => Compare(actual, branch.Value) < 0,
            "greaterThan" => Compare(actual, branch.Value) > 0,
            _ => false,
        };
    }

    private static int Compare(string? actual, string? value) =>
        double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : 0;

    private void Say(Turn turn, string? responseName)
    {
        if (bot.Responses.FirstOrDefault(r => r.Name == responseName) is { Variations.Count: > 0 } response)
        {
            // The variation follows from the conversation alone, so a transcript replays identically.
            var said = SaidResponse.Of(response, SaidResponse.NextVariation(response, turn.State), ValueOf(turn));
            turn.Replies.Add(said.Text);
            turn.Responses.Add(said.Name);
            turn.Buttons.AddRange(said.Buttons);
            turn.Links.AddRange(said.Links);
            turn.Images.AddRange(said.Images);
            turn.Cards.AddRange(said.Cards);
        }
    }

    // A placeholder takes the slot's value, else an entity of that name found in this message; with neither it
    // says its fallback, or is dropped (ResponsePlaceholders).
    private static Func<string, string?> ValueOf(Turn turn) => slot =>
        turn.State.Slots.TryGetValue(slot, out var value) ? value : turn.Understanding.Entities.FirstOrDefault(e => e.Entity == slot)?.Text;

    // What the user said before this turn, oldest first (the history already holds this turn's message last). The
    // bot's own lines are left out: a quoted passage or its citation would otherwise name the document for the next turns.
    private static string[] EarlierTurns(Turn turn) =>
        [.. turn.State.History.Where(l => l.Speaker == "user").SkipLast(1).TakeLast(KnowledgeTurnsLookedAt).Select(l => l.Text)];

    // Earlier turns a knowledge search may read for a name; the search itself looks at fewer.
    private const int KnowledgeTurnsLookedAt = 5;

    // A question no intent claims may still be answered by the bot's documents before it falls back.
    private async Task<KnowledgeAnswer?> AnswerFromKnowledgeAsync(Turn turn, FlowNode? node)
    {
        if (knowledge is null || await knowledge(turn.Text, turn.Understanding.MessageVector, node?.Mode, EarlierTurns(turn), turn.CancellationToken) is not { Text.Length: > 0 } answer)
        {
            return null;
        }

        turn.Replies.Add(answer.Text);
        turn.KnowledgeSource = answer.Source;
        if (node is null)
        {
            turn.Nodes.Add("knowledge");
        }

        return answer;
    }

    private void Fallback(Turn turn)
    {
        turn.Fallback = true;
        EndFlow(turn.State);
        var before = turn.Replies.Count;
        Say(turn, bot.Fallback?.Response);
        if (turn.Replies.Count == before)
        {
            turn.Replies.Add(DefaultFallback);
        }
    }

    private void Handoff(Turn turn, string? responseName)
    {
        turn.State.HandedOff = true;
        EndFlow(turn.State);
        var before = turn.Replies.Count;
        Say(turn, responseName ?? "speak_to_human");
        if (turn.Replies.Count == before)
        {
            turn.Replies.Add(DefaultHandoff);
        }

        // An extractive summary for the agent: the user's last few messages.
        var said = turn.State.History.Where(l => l.Speaker == "user").TakeLast(3).Select(l => l.Text);
        turn.HandoffSummary = "The customer said: " + string.Join(" / ", said);
    }

    private static void EndFlow(ConversationState state)
    {
        state.Flow = null;
        state.WaitingAt = null;
        state.Attempts = 0;
    }

    private sealed class Turn(ConversationState state, string text, TurnUnderstanding understanding, Dictionary<string, string> slotsBefore, CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public ConversationState State { get; } = state;

        public string Text { get; } = text;

        public TurnUnderstanding Understanding { get; } = understanding;

        public List<string> Replies { get; } = [];

        public List<string> Nodes { get; } = [];

        public List<ActionCall> Actions { get; } = [];

        public List<ReplyButton> Buttons { get; } = [];

        public List<string> Responses { get; } = [];

        public List<ReplyLink> Links { get; } = [];

        public List<ReplyImage> Images { get; } = [];

        public List<ReplyCard> Cards { get; } = [];

        public bool Fallback { get; set; }

        public string? HandoffSummary { get; set; }

        public string? Note { get; set; }

        public string? Decision { get; set; }

        public string? KnowledgeSource { get; set; }

        public TurnResult Finish()
        {
            foreach (var reply in Replies)
            {
                State.History.Add(new ConversationLine("bot", reply));
            }

            if (State.History.Count > MaxHistoryLines)
            {
                State.History.RemoveRange(0, State.History.Count - MaxHistoryLines);
            }

            return new TurnResult(Replies, Nodes, slotsBefore, new Dictionary<string, string>(State.Slots), Fallback, HandoffSummary is not null, HandoffSummary, Note)
            {
                Actions = Actions,
                Buttons = Buttons,
                Responses = Responses,
                Links = Links,
                Images = Images,
                Cards = Cards,
                Decision = Decision,
                KnowledgeSource = KnowledgeSource,
            };
        }
    }
}
