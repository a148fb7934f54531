using Studio.Core.Documents;
using Studio.Data.Access;

namespace Studio.Data.Drafts;

/// <summary>
/// Imports a bot file: parse and validate everything first, then one write. A refused import
/// (bad YAML, schema or rule problems, existing id without "replace") stores nothing. It needs the edit
/// permission, checked before the file is even parsed.
/// </summary>
public sealed class BotImporter(BotDraftStore store, ICurrentActor actor)
{
    public async Task<StoredBot> ImportAsync(string text, BotDocumentFormat format, bool replace, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
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
