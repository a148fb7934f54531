using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Studio.Data.Access;

namespace Studio.Data.Models;

/// <summary>
/// The model profiles admins add in the studio. Every change needs the administer permission, is checked for size and
/// shape before anything is stored, and names the revision it started from. A hosted API key is encrypted with ASP.NET
/// Core Data Protection (purpose <see cref="KeyPurpose"/>) and only ever decrypted to call the endpoint.
/// </summary>
public sealed partial class ModelProfileStore(IDbContextFactory<StudioDbContext> contexts, ICurrentActor actor, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int MaxIdLength = 64;

    public const int MaxAddressLength = 2000;

    public const int MaxChatTemplateLength = 20_000;

    public const int MaxApiKeyLength = 4000;

    public const string KeyPurpose = "Studio.ModelProfiles.ApiKey";

    /// <summary>What the environment variables a studio profile may read its key from begin with.</summary>
    public const string KeyVariablePrefix = "STUDIO_MODEL_KEY_";

    private readonly IDataProtector _keys = protection.CreateProtector(KeyPurpose);

    public async Task<IReadOnlyList<StoredModelProfile>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ModelProfiles.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Adds a profile (<see cref="ModelProfileInput.Revision"/> null) or replaces one at the revision it was read.</summary>
    /// <exception cref="ArgumentException">The input is not a usable profile; the message says which field.</exception>
    /// <exception cref="ModelProfileConflictException">The id is taken, or the profile changed since it was read.</exception>
    public async Task<StoredModelProfile> SaveAsync(ModelProfileInput input, Func<string, bool> reservedId, CancellationToken cancellationToken = default)
    {
        var admin = await actor.DemandAsync(Right.Administer, cancellationToken);
        Check(input);
        if (reservedId(input.Id))
        {
            throw new ModelProfileConflictException($"'{input.Id}' is a built-in rung or is defined in configuration; choose another id.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ModelProfiles.FirstOrDefaultAsync(p => p.Id == input.Id, cancellationToken);
        if (input.Revision is null && stored is not null)
        {
            throw new ModelProfileConflictException($"There is already a model '{input.Id}'; edit it, or choose another id.");
        }

        if (input.Revision is { } revision && (stored is null || stored.Revision != revision))
        {
            throw new ModelProfileConflictException(stored is null
                ? $"The model '{input.Id}' was removed since you opened it."
                : $"The model '{input.Id}' was changed elsewhere since you opened it; reload to see the latest, then make your change again.");
        }

        if (stored is null)
        {
            stored = new StoredModelProfile { Id = input.Id };
            db.ModelProfiles.Add(stored);
        }

        var hosted = input.Kind == "openai";
        var endpointBefore = stored.Endpoint;
        stored.Kind = input.Kind;
        stored.DisplayName = Blank(input.DisplayName);
        stored.Path = hosted ? null : Blank(input.Path);
        stored.Endpoint = hosted ? Blank(input.Endpoint) : null;
        stored.Model = hosted ? Blank(input.Model) : null;
        stored.ApiKeyVariable = hosted ? Blank(input.ApiKeyVariable) : null;
        // A stored key goes only where it went when it was entered: a new scheme, host or port needs the key typed again,
        // or an admin could send it to a server of their own and read it there.
        var sameOrigin = endpointBefore is not null && stored.Endpoint is not null && OriginOf(endpointBefore) == OriginOf(stored.Endpoint);
        stored.ProtectedApiKey = !hosted || input.ClearApiKey || stored.ApiKeyVariable is not null ? null
            : input.ApiKey is { Length: > 0 } key ? _keys.Protect(key)
            : sameOrigin ? stored.ProtectedApiKey : null;
        stored.ContextSize = input.ContextSize;
        stored.Threads = hosted ? null : input.Threads;
        stored.ChatTemplate = hosted ? null : Blank(input.ChatTemplate);
        stored.Parameters = input.Parameters;
        stored.PricePerMillionInputTokens = input.PricePerMillionInputTokens;
        stored.PricePerMillionOutputTokens = input.PricePerMillionOutputTokens;
        stored.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        stored.UpdatedBy = admin.Name;
        stored.Revision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DatabaseProviders.IsConstraintViolation(ex))
        {
            throw new ModelProfileConflictException($"The model '{input.Id}' was changed elsewhere at the same moment; reload and try again.");
        }

        return stored;
    }

    /// <exception cref="ModelProfileConflictException">The profile is gone, or changed since it was read.</exception>
    public async Task DeleteAsync(string id, int revision, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Administer, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var removed = await db.ModelProfiles.Where(p => p.Id == id && p.Revision == revision).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            throw new ModelProfileConflictException(await db.ModelProfiles.AnyAsync(p => p.Id == id, cancellationToken)
                ? $"The model '{id}' was changed elsewhere since you opened it; reload, then remove it."
                : $"There is no model '{id}' to remove.");
        }
    }

    /// <summary>The stored key in clear, for the one call that needs it; null when there is none or it cannot be decrypted.</summary>
    public string? ApiKeyOf(StoredModelProfile profile)
    {
        if (profile.ProtectedApiKey is not { } protectedKey)
        {
            return null;
        }

        try
        {
            return _keys.Unprotect(protectedKey);
        }
        catch (CryptographicException)
        {
            return null; // the key ring changed: the profile says so, and the admin enters the key again
        }
    }

    private static void Check(ModelProfileInput input)
    {
        if (input.Id.Length is 0 or > MaxIdLength || !IdPattern().IsMatch(input.Id))
        {
            throw new ArgumentException($"A model id is 1 to {MaxIdLength} lowercase letters, digits, dots, hyphens or underscores, starting with a letter or digit (setups name it, as in gpt(shots=8)).");
        }

        if (input.Kind is not ("gguf" or "openai"))
        {
            throw new ArgumentException("A model's kind is gguf (a local file) or openai (an OpenAI-compatible endpoint).");
        }

        Limit(input.DisplayName, 200, "The display name");
        Limit(input.Path, MaxAddressLength, "The path");
        Limit(input.Endpoint, MaxAddressLength, "The base URL");
        Limit(input.Model, 200, "The model name");
        Limit(input.ApiKeyVariable, 200, "The environment variable's name");
        Limit(input.ApiKey, MaxApiKeyLength, "The API key");
        Limit(input.ChatTemplate, MaxChatTemplateLength, "The chat template");
        if (input.Kind == "gguf" && string.IsNullOrWhiteSpace(input.Path))
        {
            throw new ArgumentException("A local model needs the path of its GGUF file.");
        }

        if (input.Kind == "openai" && !(Uri.TryCreate(input.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new ArgumentException("A hosted model needs an absolute http or https base URL, such as https://api.openai.com/v1.");
        }

        // Credentials belong in the key field, where they are encrypted; in the URL they would be shown to everyone.
        if (input.Kind == "openai" && new Uri(input.Endpoint!) is { } address && (address.UserInfo.Length > 0 || address.Query.Length > 0 || address.Fragment.Length > 0))
        {
            throw new ArgumentException("The base URL must not hold a user name, password, query or fragment; put the key in the API key field.");
        }

        if (input.Kind == "openai" && string.IsNullOrWhiteSpace(input.Model))
        {
            throw new ArgumentException("A hosted model needs the model name its endpoint knows, such as gpt-4o-mini.");
        }

        // Only variables the operator set out for the studio: any other (a configured profile's key, a cloud secret) could be
        // sent to an endpoint of an admin's choosing.
        if (input.ApiKeyVariable is { Length: > 0 } variable && !(VariablePattern().IsMatch(variable) && variable.StartsWith(KeyVariablePrefix, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"A key's environment variable must be named {KeyVariablePrefix}<NAME> (letters, digits and underscores), such as {KeyVariablePrefix}OPENAI; the operator sets it for the studio.");
        }

        if (input.ContextSize is < 16 or > 1_048_576)
        {
            throw new ArgumentException("The context size is 16 to 1,048,576 tokens.");
        }

        if (input.Threads is < 1 or > 256)
        {
            throw new ArgumentException("Threads are 1 to 256.");
        }

        if (input.Parameters is < 0 or > 100_000_000_000_000)
        {
            throw new ArgumentException("The parameter count is a positive number.");
        }

        if (input.PricePerMillionInputTokens is < 0 or > 1_000_000 || input.PricePerMillionOutputTokens is < 0 or > 1_000_000)
        {
            throw new ArgumentException("Prices per million tokens are 0 to 1,000,000.");
        }
    }

    private static void Limit(string? value, int limit, string what)
    {
        if (value is { Length: var length } && length > limit)
        {
            throw new ArgumentException($"{what} is {length:N0} characters; the limit is {limit:N0}.");
        }
    }

    private static string OriginOf(string endpoint) => Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() : endpoint;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariablePattern();
}
