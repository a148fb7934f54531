namespace Studio.Core.Bots;

/// <summary>Where a node sits on the canvas, saved with the bot.</summary>
public sealed class NodePosition
{
    public double X { get; set; }

    public double Y { get; set; }
}
