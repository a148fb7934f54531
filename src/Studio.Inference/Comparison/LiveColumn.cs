using System.Text;
using Studio.Core.Conversations;

namespace Studio.Inference.Comparison;

/// <summary>One setup's own conversation in a live side-by-side run.</summary>
public sealed class LiveColumn(Studio.Core.Setups.BotSetup setup)
{
    public Studio.Core.Setups.BotSetup Setup { get; } = setup;

    public ConversationState State { get; private set; } = new();

    public List<LiveTurn> Turns { get; } = [];

    public void Reset()
    {
        State = new ConversationState();
        Turns.Clear();
    }
}

/// <summary>One message and a setup's reply to it, filled in as the reply streams.</summary>
public sealed class LiveTurn(string user)
{
    private readonly StringBuilder _reply = new();

    public string User { get; } = user;

    public string Reply
    {
        get
        {
            lock (_reply)
            {
                return _reply.ToString();
            }
        }
    }

    public string? Intent { get; internal set; }

    public float Confidence { get; internal set; }

    public string? Sentiment { get; internal set; }

    public double Milliseconds { get; internal set; }

    public long TokensIn { get; internal set; }

    public long TokensOut { get; internal set; }

    public bool Done { get; internal set; }

    public string? Error { get; internal set; }

    internal void AddUsage(long tokensIn, long tokensOut)
    {
        TokensIn += tokensIn;
        TokensOut += tokensOut;
    }

    internal void Append(string text)
    {
        lock (_reply)
        {
            _reply.Append(text);
        }
    }
}
