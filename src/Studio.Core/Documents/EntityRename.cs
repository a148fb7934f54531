using Studio.Core.Bots;
using Studio.Core.Entities;

namespace Studio.Core.Documents;

/// <summary>A renamed entity, followed by everything that names it: ask nodes and the marks in examples.</summary>
public static class EntityRename
{
    public static void Apply(BotDefinition bot, string from, string to)
    {
        foreach (var node in bot.Flows.SelectMany(f => f.Nodes).Where(n => n.Entity == from))
        {
            node.Entity = to;
        }

        foreach (var intent in bot.Intents)
        {
            for (var e = 0; e < intent.Examples.Count; e++)
            {
                var parsed = ExampleMarkup.Parse(intent.Examples[e]);
                if (parsed.Spans.Any(s => s.Entity == from))
                {
                    intent.Examples[e] = ExampleMarkup.Write(parsed.Text, parsed.Spans.Select(s => s.Entity == from ? s with { Entity = to } : s));
                }
            }
        }
    }
}
