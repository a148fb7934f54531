using Studio.Core.Bots;
using Studio.Core.Conversations;

namespace Studio.Core.Documents;

/// <summary>
/// What a saved response's addresses must be: absolute http(s) (https for images, which the studio's pages load) with a
/// host written by the designer. A slot can fill the path or the query, never where a link leads.
/// </summary>
public static class ResponseRules
{
    public static IEnumerable<BotProblem> Check(BotDefinition bot)
    {
        for (var r = 0; r < bot.Responses.Count; r++)
        {
            var response = bot.Responses[r];
            var at = $"/responses/{r}";
            var addresses = (response.Links ?? []).Select((l, i) => ((string?)l.Url, $"{at}/links/{i}/url", Image: false))
                .Concat((response.Images ?? []).Select((m, i) => ((string?)m.Url, $"{at}/images/{i}/url", Image: true)))
                .Concat((response.Cards ?? []).SelectMany((c, i) => new[] { (c.Url, $"{at}/cards/{i}/url", Image: false), (c.ImageUrl, $"{at}/cards/{i}/imageUrl", Image: true) }))
                .Where(a => a.Item1 is not null);
            foreach (var (url, pointer, image) in addresses)
            {
                var filled = ResponsePlaceholders.Fill(url!, _ => "x");
                if (!Uri.TryCreate(filled, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || (image ? uri.Scheme != "https" : uri.Scheme is not ("http" or "https")))
                {
                    yield return new BotProblem($"Response '{response.Name}' has the address '{url}', which is not an absolute {(image ? "https" : "http or https")} URL.", pointer);
                }
                else if (ActionTemplates.HostFromSlots(url!))
                {
                    yield return new BotProblem($"Response '{response.Name}' takes the host of '{url}' from a slot; end users fill slots, so only the path and the query may hold placeholders.", pointer);
                }
            }
        }
    }
}
