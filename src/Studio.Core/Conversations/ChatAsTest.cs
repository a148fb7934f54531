using Studio.Core.Bots;

namespace Studio.Core.Conversations;

/// <summary>
/// A conversation held in the test chat, written down as a conversation test: each turn expects what happened then,
/// the intent understood (or "(out of scope)", as the runner writes it), the slots that turn filled, the first response said
/// (by name, so a reworded variation does not fail the test) and a hand-off if there was one.
/// </summary>
public static class ChatAsTest
{
    /// <summary>How a test expects a message that no intent claims.</summary>
    public const string OutOfScope = "(out of scope)";

    public static ConversationTest From(string name, IEnumerable<(string User, TurnUnderstanding Understanding, TurnResult Result)> turns) => new()
    {
        Name = name,
        Turns = [.. turns.Select(t => new TestTurn
        {
            User = t.User,
            Expect = new TurnExpectation
            {
                Intent = t.Understanding.OutOfScope || t.Understanding.Intent is null ? OutOfScope : t.Understanding.Intent,
                Slots = Filled(t.Result) is { Count: > 0 } filled ? filled : null,
                Response = t.Result.Responses.Count > 0 ? t.Result.Responses[0] : null,
                Handoff = t.Result.Handoff ? true : null,
            },
        })],
    };

    private static Dictionary<string, string> Filled(TurnResult result) =>
        result.SlotsAfter.Where(s => result.SlotsBefore.GetValueOrDefault(s.Key) != s.Value).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
}
