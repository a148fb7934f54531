namespace Studio.Core.Bots;

public sealed class TestTurn
{
    public string User { get; set; } = "";

    public TurnExpectation? Expect { get; set; }
}
