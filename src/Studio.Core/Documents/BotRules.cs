using System.Text.RegularExpressions;
using Studio.Core.Bots;

namespace Studio.Core.Documents;

/// <summary>
/// Rules a JSON Schema cannot express: names that must be unique within a list, references that must
/// resolve, patterns that must compile. Each problem points at the offending value.
/// </summary>
public static class BotRules
{
    public static IReadOnlyList<BotProblem> Check(BotDefinition bot)
    {
        var problems = new List<BotProblem>();
        Unique(problems, bot.Intents.Select(i => i.Name), "/intents", "name", "intent");
        Unique(problems, bot.Entities.Select(e => e.Name), "/entities", "name", "entity");
        Unique(problems, bot.Responses.Select(r => r.Name), "/responses", "name", "response");
        Unique(problems, bot.Flows.Select(f => f.Name), "/flows", "name", "flow");
        Unique(problems, bot.Actions.Select(a => a.Name), "/actions", "name", "action");
        Unique(problems, bot.Tests.Select(t => t.Name), "/tests", "name", "conversation test");
        Unique(problems, bot.Prompts.Select(p => p.Name), "/prompts", "name", "prompt");
        Unique(problems, bot.Knowledge?.Sources.Select(s => s.Name) ?? [], "/knowledge/sources", "name", "knowledge source");
        for (var f = 0; f < bot.Flows.Count; f++)
        {
            Unique(problems, bot.Flows[f].Nodes.Select(n => n.Id), $"/flows/{f}/nodes", "id", "node");
        }

        CheckExamples(problems, bot);
        problems.AddRange(Conversations.FlowValidator.Errors(bot));
        CheckPatterns(problems, bot);
        problems.AddRange(PrivacyRules.Check(bot));

        CheckModels(problems, bot);
        problems.AddRange(ActionRules.Check(bot));
        problems.AddRange(ResponseRules.Check(bot));

        CheckButtons(problems, bot);
        CheckTestResponses(problems, bot);
        CheckMarks(problems, bot);

        if (bot.Fallback is { } fallback && bot.Responses.All(r => r.Name != fallback.Response))
        {
            problems.Add(new BotProblem($"The fallback uses the response '{fallback.Response}', which is not defined under responses.", "/fallback/response"));
        }

        return problems;
    }

    // A setup written wrong is refused where it is saved; whether its models exist here is the model registry's check (IBotCheck).
    private static void CheckModels(List<BotProblem> problems, BotDefinition bot)
    {
        try
        {
            _ = Setups.BotSetup.Of(bot.Models);
        }
        catch (Setups.SetupException ex)
        {
            problems.Add(new BotProblem(ex.Message, "/models"));
        }
    }

    private static void Unique(List<BotProblem> problems, IEnumerable<string> names, string listPointer, string key, string what)
    {
        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var name in names)
        {
            if (!string.IsNullOrWhiteSpace(name) && !first.TryAdd(name, index))
            {
                problems.Add(new BotProblem(
                    $"Duplicate {what} name '{name}': it is already used by {what} #{first[name] + 1}. Names must be unique (ignoring case).",
                    $"{listPointer}/{index}/{key}"));
            }

            index++;
        }
    }

    private static void CheckExamples(List<BotProblem> problems, BotDefinition bot)
    {
        // The same sentence under two intents teaches the classifier two answers for one input.
        var owner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < bot.Intents.Count; i++)
        {
            var intent = bot.Intents[i];
            for (var e = 0; e < intent.Examples.Count; e++)
            {
                // Marks do not make another sentence: "[visa](card_type) card" and "visa card" teach the same.
                var example = Entities.ExampleMarkup.Plain(intent.Examples[e]).Trim();
                if (example.Length == 0)
                {
                    continue; // the schema reports empty examples
                }

                var pointer = $"/intents/{i}/examples/{e}";
                if (!owner.TryAdd(example, intent.Name))
                {
                    problems.Add(new BotProblem(owner[example] == intent.Name
                        ? $"The example '{example}' appears twice in intent '{intent.Name}'."
                        : $"The example '{example}' is also an example of intent '{owner[example]}'; an utterance can teach only one intent.",
                        pointer));
                }
            }
        }
    }

    private static void CheckButtons(List<BotProblem> problems, BotDefinition bot)
    {
        void Check(List<ResponseButton>? buttons, string at)
        {
            for (var b = 0; b < (buttons?.Count ?? 0); b++)
            {
                if (Conversations.ReplyButton.IntentOf(buttons![b].Payload) is { } intent && bot.Intents.All(i => i.Name != intent))
                {
                    problems.Add(new BotProblem($"The button '{buttons[b].Title}' sends the intent '{intent}', which the bot does not have.", $"{at}/buttons/{b}/payload"));
                }
            }
        }

        for (var r = 0; r < bot.Responses.Count; r++)
        {
            Check(bot.Responses[r].Buttons, $"/responses/{r}");
            for (var c = 0; c < (bot.Responses[r].Cards?.Count ?? 0); c++)
            {
                Check(bot.Responses[r].Cards![c].Buttons, $"/responses/{r}/cards/{c}");
            }
        }
    }

    private static void CheckMarks(List<BotProblem> problems, BotDefinition bot)
    {
        foreach (var (i, e, text, span) in Entities.MarkedEntities.Marks(bot).Where(m => bot.Entities.All(d => d.Name != m.Span.Entity)))
        {
            problems.Add(new BotProblem($"The example marks '{text}' as {span.Entity}, which the bot does not define; add the entity or correct the mark.", $"/intents/{i}/examples/{e}"));
        }
    }

    private static void CheckTestResponses(List<BotProblem> problems, BotDefinition bot)
    {
        for (var t = 0; t < bot.Tests.Count; t++)
        {
            for (var u = 0; u < bot.Tests[t].Turns.Count; u++)
            {
                if (bot.Tests[t].Turns[u].Expect?.Response is { } response && bot.Responses.All(r => r.Name != response))
                {
                    problems.Add(new BotProblem($"Test '{bot.Tests[t].Name}' expects the response '{response}', which the bot does not have.", $"/tests/{t}/turns/{u}/expect/response"));
                }
            }
        }
    }

    private static void CheckPatterns(List<BotProblem> problems, BotDefinition bot)
    {
        for (var i = 0; i < bot.Entities.Count; i++)
        {
            if (bot.Entities[i] is { Kind: EntityKind.Regex, Pattern: { Length: > 0 } pattern })
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException ex)
                {
                    problems.Add(new BotProblem($"The regular expression does not compile: {ex.Message}", $"/entities/{i}/pattern"));
                }
            }
        }
    }
}
