namespace Studio.Core.Comparison;

/// <summary>A setup's standing from blind pairwise votes: Bradley–Terry strength, wins, ties and how many votes it took part in.</summary>
public sealed record VoteStanding(string Setup, double Strength, int Wins, int Votes, int Ties = 0);

/// <summary>One blind vote between two setups' replies: <paramref name="Winner"/> preferred, or, when <paramref name="Tie"/>, neither.</summary>
public sealed record PairVote(string Winner, string Loser, bool Tie = false)
{
    public bool Involves(string setup) => Winner == setup || Loser == setup;

    /// <summary>What the vote scores for a setup: a win 1, a tie half a win for each side (the usual Bradley–Terry reading of ties).</summary>
    public double ScoreOf(string setup) => Tie ? (Involves(setup) ? 0.5 : 0) : Winner == setup ? 1 : 0;
}

/// <summary>
/// Ranks setups from blind "A or B?" votes with the Bradley–Terry model, fitted by the classic
/// minorisation–maximisation iteration (Hunter, 2004). A small prior (half a win against every other setup)
/// keeps a setup that never won or never lost finite. A tie ("both equally good") is half a win for each side, so
/// identical replies pull two setups' strengths together instead of being left out.
/// </summary>
public static class VoteRanking
{
    public static IReadOnlyList<VoteStanding> Rank(IReadOnlyList<PairVote> votes, int iterations = 200)
    {
        var setups = votes.SelectMany(v => new[] { v.Winner, v.Loser }).Distinct(StringComparer.Ordinal).ToList();
        if (setups.Count == 0)
        {
            return [];
        }

        const double prior = 0.5;
        var strength = setups.ToDictionary(s => s, _ => 1.0, StringComparer.Ordinal);
        var wins = setups.ToDictionary(s => s, s => votes.Sum(v => v.ScoreOf(s)) + (prior * (setups.Count - 1)), StringComparer.Ordinal);
        var games = new Dictionary<(string, string), double>();
        foreach (var a in setups)
        {
            foreach (var b in setups.Where(b => b != a))
            {
                games[(a, b)] = votes.Count(v => v.Involves(a) && v.Involves(b)) + (2 * prior);
            }
        }

        for (var i = 0; i < iterations; i++)
        {
            var next = setups.ToDictionary(a => a, a => wins[a] / setups.Where(b => b != a).Sum(b => games[(a, b)] / (strength[a] + strength[b])), StringComparer.Ordinal);
            var scale = next.Values.Sum() / setups.Count;
            foreach (var s in setups)
            {
                strength[s] = next[s] / scale;
            }
        }

        return [.. setups
            .Select(s => new VoteStanding(s, strength[s], votes.Count(v => !v.Tie && v.Winner == s), votes.Count(v => v.Involves(s)), votes.Count(v => v.Tie && v.Involves(s))))
            .OrderByDescending(s => s.Strength)];
    }
}
