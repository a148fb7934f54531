namespace Studio.Core.Bots;

/// <summary>A scripted conversation with what the bot must do at each turn.</summary>
public sealed class ConversationTest
{
    public string Name { get; set; } = "";

    public List<TestTurn> Turns { get; set; } = [];
}
