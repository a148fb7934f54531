namespace Studio.Core.Bots;

/// <summary>Keeps flows and tests pointing at an intent when it is renamed, as a designer would expect.</summary>
public static class IntentReferences
{
    public static void Rename(BotDefinition bot, string oldName, string newName)
    {
        foreach (var node in bot.Flows.SelectMany(f => f.Nodes))
        {
            if (node.Intent == oldName)
            {
                node.Intent = newName;
            }

            foreach (var branch in node.Branches ?? [])
            {
                if (branch.On == "intent" && branch.Value == oldName)
                {
                    branch.Value = newName;
                }
            }
        }

        foreach (var expectation in bot.Tests.SelectMany(t => t.Turns).Select(t => t.Expect).OfType<TurnExpectation>())
        {
            if (expectation.Intent == oldName)
            {
                expectation.Intent = newName;
            }
        }
    }
}
