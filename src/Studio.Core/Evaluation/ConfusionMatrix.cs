namespace Studio.Core.Evaluation;

/// <summary>Counts of (expected, predicted) pairs. <see cref="OutOfScope"/> stands for "no intent".</summary>
public sealed class ConfusionMatrix(IReadOnlyList<string> labels, int[,] counts)
{
    public const string OutOfScope = "(out of scope)";

    public IReadOnlyList<string> Labels { get; } = labels;

    public int this[int expected, int predicted] => counts[expected, predicted];

    /// <summary>The label pairs most often mistaken for each other, in either direction, most first.</summary>
    public IReadOnlyList<(string A, string B, int Count)> MostConfused(int top)
    {
        var pairs = new List<(string, string, int)>();
        for (var i = 0; i < Labels.Count; i++)
        {
            for (var j = i + 1; j < Labels.Count; j++)
            {
                var both = counts[i, j] + counts[j, i];
                if (both > 0)
                {
                    pairs.Add((Labels[i], Labels[j], both));
                }
            }
        }

        return [.. pairs.OrderByDescending(p => p.Item3).ThenBy(p => p.Item1, StringComparer.Ordinal).Take(top)];
    }
}
