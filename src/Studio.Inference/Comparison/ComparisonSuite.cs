using System.Globalization;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Core.Evaluation;

namespace Studio.Inference.Comparison;

/// <summary>A test message, the intent it should get (null: out of scope) and, when the test set says, its sentiment.</summary>
public sealed record ComparisonCase(string Text, string? Expected, string? ExpectedSentiment = null);

/// <summary>One training of every setup: the bot it learns from and which of the suite's cases it is then tested on.</summary>
public sealed record SuiteRound(BotDefinition TrainingBot, IReadOnlyList<int> CaseIndices);

/// <summary>
/// What a comparison tests on: the bot's own conversation tests, uploaded labelled messages, or a stratified
/// k-fold split of the bot's examples (each example is predicted by models trained without its fold).
/// </summary>
public sealed record ComparisonSuite(string Description, IReadOnlyList<ComparisonCase> Cases, IReadOnlyList<SuiteRound> Rounds)
{
    /// <summary>The messages of the bot's conversation tests that expect an intent; setups learn from all examples.</summary>
    public static ComparisonSuite FromTests(BotDefinition bot)
    {
        var cases = bot.Tests.SelectMany(t => t.Turns).Where(t => t.Expect?.Intent is not null)
            .Select(t => new ComparisonCase(t.User, t.Expect!.Intent, t.Expect.Sentiment)).ToList();
        return Single(bot, string.Create(CultureInfo.InvariantCulture, $"conversation tests ({cases.Count} messages)"), cases);
    }

    /// <summary>Labelled messages from elsewhere (an uploaded CSV); rows labelled <paramref name="outOfScopeLabel"/> should be rejected.</summary>
    public static ComparisonSuite FromLabelled(BotDefinition bot, string name, IReadOnlyList<(string Text, string Label)> rows, string? outOfScopeLabel = null) =>
        FromLabelled(bot, name, [.. rows.Select(r => (r.Text, r.Label, (string?)null))], outOfScopeLabel);

    /// <summary>Labelled messages with an expected sentiment where the test set gives one.</summary>
    public static ComparisonSuite FromLabelled(BotDefinition bot, string name, IReadOnlyList<(string Text, string Label, string? Sentiment)> rows, string? outOfScopeLabel = null)
    {
        var known = bot.Intents.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        // A label that is not an intent name as written may be one once made a name, as imports from CSV make them.
        string Intent(string label) => known.Contains(label) ? label : LabelledBot.IntentName(label);
        var cases = rows.Select(r => new ComparisonCase(r.Text, r.Label == outOfScopeLabel || r.Label.Length == 0 ? null : Intent(r.Label), r.Sentiment)).ToList();
        if (cases.FirstOrDefault(c => c.Expected is not null && !known.Contains(c.Expected)) is { } unknown)
        {
            throw new ArgumentException($"'{name}' labels a message '{unknown.Expected}', which is not an intent of this bot. Use the bot's intent names, or mark out-of-scope rows with an empty label.");
        }

        return Single(bot, string.Create(CultureInfo.InvariantCulture, $"{name} ({cases.Count} messages)"), cases);
    }

    /// <summary>The most folds a split may have: each fold trains every setup again.</summary>
    public const int MaxFolds = 20;

    /// <summary>Every example of the bot, each predicted by setups trained on the other k−1 folds.</summary>
    public static ComparisonSuite KFold(BotDefinition bot, int folds)
    {
        var examples = bot.Intents.SelectMany(i => i.PlainExamples().Select(e => new ComparisonCase(e, i.Name))).ToList();
        if (folds is < 2 or > MaxFolds || examples.Count < folds || examples.Select(e => e.Expected).Distinct().Count() < 2)
        {
            throw new ArgumentException($"A {folds}-fold split needs at least two intents and {Math.Max(folds, 2)} examples, and from 2 to {MaxFolds} folds.");
        }

        var fold = CrossValidation.StratifiedFolds(examples.Select(e => e.Expected!).ToArray(), folds);
        var rounds = Enumerable.Range(0, folds).Select(f =>
        {
            var trainingBot = BotDocuments.Clone(bot);
            var index = 0;
            foreach (var intent in trainingBot.Intents)
            {
                // Examples are numbered in the same order as above, so the fold of each is known by position.
                intent.Examples = [.. intent.Examples.Where(_ => fold[index++] != f)];
            }

            trainingBot.Intents.RemoveAll(i => i.Examples.Count == 0);
            return new SuiteRound(trainingBot, [.. Enumerable.Range(0, examples.Count).Where(i => fold[i] == f)]);
        }).ToList();
        return new ComparisonSuite(string.Create(CultureInfo.InvariantCulture, $"{folds}-fold split of the examples ({examples.Count} messages)"), examples, rounds);
    }

    private static ComparisonSuite Single(BotDefinition bot, string description, List<ComparisonCase> cases) =>
        new(description, cases, [new SuiteRound(bot, [.. Enumerable.Range(0, cases.Count)])]);
}
