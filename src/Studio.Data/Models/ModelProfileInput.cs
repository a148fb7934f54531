namespace Studio.Data.Models;

/// <summary>
/// A profile as an admin writes it. <see cref="ApiKey"/>: a new key to store encrypted; null keeps the stored one
/// (unless <see cref="ClearApiKey"/>). <see cref="Revision"/>: the revision the edit started from, or null for a new profile.
/// </summary>
public sealed record ModelProfileInput(
    string Id,
    string Kind,
    string? DisplayName = null,
    string? Path = null,
    string? Endpoint = null,
    string? Model = null,
    string? ApiKeyVariable = null,
    string? ApiKey = null,
    bool ClearApiKey = false,
    int ContextSize = 2048,
    int? Threads = null,
    string? ChatTemplate = null,
    long? Parameters = null,
    decimal PricePerMillionInputTokens = 0,
    decimal PricePerMillionOutputTokens = 0,
    int? Revision = null)
{
    // The key is the one field that must never reach a log or an exception message through a record's printout.
    public override string ToString() => $"ModelProfileInput {{ Id = {Id}, Kind = {Kind} }}";
}
