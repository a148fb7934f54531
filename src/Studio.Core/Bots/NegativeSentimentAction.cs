namespace Studio.Core.Bots;

public enum NegativeSentimentAction
{
    Ignore,
    Apologise,
    Handoff,
}
