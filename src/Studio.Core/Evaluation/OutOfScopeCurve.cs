namespace Studio.Core.Evaluation;

/// <summary>
/// Threshold-free measures of an out-of-scope score (higher means more in scope): the area under the ROC curve for
/// telling out-of-scope messages from in-scope ones, the share of out-of-scope messages caught once the answers the bot
/// still gives are precise enough, and the share caught while most in-scope messages are kept.
/// </summary>
public static class OutOfScopeCurve
{
    /// <summary>The chance that a random out-of-scope message scores below a random in-scope one (ties count half).</summary>
    public static double Auroc(IReadOnlyList<float> scores, IReadOnlyList<bool> outOfScope)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var positives = outOfScope.Count(o => o);
        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        // Mann–Whitney U over average ranks, so tied scores share their rank.
        var rankSum = 0.0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                if (!outOfScope[order[k]])
                {
                    rankSum += rank;
                }
            }

            start = end + 1;
        }

        var u = rankSum - negatives * (negatives + 1) / 2.0;
        return u / ((double)positives * negatives);
    }

    /// <summary>
    /// Out-of-scope recall at the least strict threshold where at least <paramref name="precision"/> of the answers the bot still
    /// gives are right (in-scope precision: an accepted out-of-scope message and a wrong intent both count against it),
    /// with the in-scope accuracy left at that threshold. A message is rejected when it scores below the threshold.
    /// </summary>
    public static (double Recall, double InScopeAccuracy) RecallAtInScopePrecision(IReadOnlyList<float> scores, IReadOnlyList<bool> outOfScope,
        IReadOnlyList<bool> correct, double precision)
    {
        var positives = outOfScope.Count(o => o);
        var inScope = scores.Count - positives;
        if (positives == 0 || inScope == 0)
        {
            return (double.NaN, double.NaN);
        }

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var acceptedRight = Enumerable.Range(0, scores.Count).Count(i => !outOfScope[i] && correct[i]);
        var accepted = scores.Count;
        var caught = 0;
        for (var k = 0; k <= order.Length; k++)
        {
            // A threshold falls between distinct scores only.
            var tied = k > 0 && k < order.Length && scores[order[k]] == scores[order[k - 1]];
            if (!tied && (accepted == 0 || acceptedRight / (double)accepted >= precision))
            {
                return (caught / (double)positives, acceptedRight / (double)inScope);
            }

            if (k == order.Length)
            {
                break;
            }

            var row = order[k];
            accepted--;
            if (outOfScope[row])
            {
                caught++;
            }
            else if (correct[row])
            {
                acceptedRight--;
            }
        }

        return (1, 0);
    }

    /// <summary>Out-of-scope recall at the threshold that keeps <paramref name="keptInScope"/> of the in-scope messages (TPR at 95 % is the usual figure).</summary>
    public static double RecallKeepingInScope(IReadOnlyList<float> scores, IReadOnlyList<bool> outOfScope, double keptInScope)
    {
        var inScope = scores.Where((_, i) => !outOfScope[i]).Order().ToArray();
        var outside = scores.Where((_, i) => outOfScope[i]).ToArray();
        if (inScope.Length == 0 || outside.Length == 0)
        {
            return double.NaN;
        }

        var threshold = inScope[Math.Clamp((int)Math.Floor((1 - keptInScope) * inScope.Length), 0, inScope.Length - 1)];
        return outside.Count(s => s < threshold) / (double)outside.Length;
    }
}
