using Studio.Core.Bots;

namespace Studio.Core.Conversations;

/// <summary>
/// A conversation held in the test chat, written down as a conversation test: each turn expects what happened then,
/// the intent understood (or "(out of scope)", as the runner writes it), the slots that turn filled, and a hand-off if there was one.
/// Replies are not pinned, so a reworded response does not fail the test; the designer adds a reply expectation where it matters.
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
                Handoff = t.Result.Handoff ? true : null,
            },
        })],
    };

    private static Dictionary<string, string> Filled(TurnResult result) =>
        result.SlotsAfter.Where(s => result.SlotsBefore.GetValueOrDefault(s.Key) != s.Value).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
}
