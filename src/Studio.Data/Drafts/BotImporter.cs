using Studio.Core.Documents;

namespace Studio.Data.Drafts;

/// <summary>
/// Imports a bot file: parse and validate everything first, then one write. A refused import
/// (bad YAML, schema or rule problems, existing id without "replace") stores nothing.
/// </summary>
public sealed class BotImporter(BotDraftStore store)
{
    public async Task<StoredBot> ImportAsync(string text, BotDocumentFormat format, bool replace, CancellationToken cancellationToken = default)
    {
        var result = BotDocuments.Read(text, format);
        if (result.Bot is not { } bot)
        {
            throw new BotValidationException(result.Problems);
        }

        return replace
            ? await store.CreateOrReplaceAsync(bot, cancellationToken)
            : await store.CreateAsync(bot, cancellationToken);
    }
}
