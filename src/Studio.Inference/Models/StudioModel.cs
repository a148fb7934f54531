namespace Studio.Inference.Models;

/// <summary>
/// A profile added in the studio, with how to read its API key when it stores one: decrypted at each call and never held
/// in the profile, so the key cannot reach a page, a log or an export through it. The reader returns null when the key
/// cannot be decrypted.
/// </summary>
public sealed record StudioModel(ModelProfile Profile, Func<string?>? ApiKey = null);
