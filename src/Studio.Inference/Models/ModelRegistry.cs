using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;
using Studio.Inference.Llm;

namespace Studio.Inference.Models;

/// <summary>
/// The model ladder: the built-in small rungs, every profile in the <c>Models</c> configuration section, and the profiles
/// added in the studio (<see cref="SetStudioProfiles"/>). A profile whose file is missing or whose key is not set is
/// listed as unavailable with the reason; it never stops start-up. Generative profiles hand out
/// <see cref="IChatClient"/>s; local weights are loaded once.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    private const long EncoderParameters = 22_700_000;

    private readonly ConcurrentDictionary<string, LocalGgufModel> _local = new(StringComparer.Ordinal);
    private readonly Func<string, HttpClient> _httpClients;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<ModelProfile> _fixed;

    // The studio's own profiles and how to read each one's stored key; swapped whole, so a reader sees one set or the other.
    private volatile IReadOnlyList<StudioModel> _studio = [];

    public ModelRegistry(IReadOnlyDictionary<string, ModelProfileOptions> configured, Func<string, HttpClient> httpClients, ILogger<ModelRegistry> logger,
        TimeProvider? clock = null)
    {
        _httpClients = httpClients;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        var profiles = new List<ModelProfile>
        {
            new("ngram", "Hashed n-grams + linear head", ModelKind.Ngram, null, null, null, null, 512, null, null, 0, 0, 0),
            new("encoder", "all-MiniLM-L6-v2 + head", ModelKind.Encoder, null, null, null, null, 256, EncoderParameters, 90_893_304, 0, 0, 0),
        };
        foreach (var (id, options) in configured.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            profiles.RemoveAll(p => p.Id == id); // configuration may override a built-in's display name or price
            profiles.Add(FromOptions(id, options, ModelSource.Configuration, hasStoredKey: false));
        }

        _fixed = profiles;
    }

    /// <summary>Every rung: the built-in ones, then configuration's, then the studio's, each group by id.</summary>
    public IReadOnlyList<ModelProfile> Profiles => [.. _fixed, .. _studio.Select(m => m.Profile)];

    /// <summary>The profile an options entry describes; a file's size is read now, so a missing file shows at once.</summary>
    public static ModelProfile FromOptions(string id, ModelProfileOptions options, ModelSource source, bool hasStoredKey)
    {
        var fileBytes = options.Kind == ModelKind.Gguf && options.Path is { } path && File.Exists(path) ? new FileInfo(path).Length : (long?)null;
        return new ModelProfile(id, options.DisplayName ?? id, options.Kind, options.Path, options.Endpoint, options.Model ?? id,
            options.ApiKeyVariable, options.ContextSize, options.Parameters, fileBytes, options.PricePerMillionInputTokens,
            options.PricePerMillionOutputTokens, options.QueueLimit,
            options.IdleUnloadMinutes > 0 ? TimeSpan.FromMinutes(options.IdleUnloadMinutes) : null,
            options.Threads, string.IsNullOrWhiteSpace(options.ChatTemplate) ? null : options.ChatTemplate, source, hasStoredKey);
    }

    /// <summary>Whether configuration or Studio itself defines this id, so the studio may not add or change it.</summary>
    public bool IsFixed(string id) => _fixed.Any(p => p.Id == id);

    /// <summary>
    /// Replaces the studio's profiles. A local model whose profile changed or went is shut down (freed once its last
    /// generation ends), so the next request loads it as the profile now says.
    /// </summary>
    public void SetStudioProfiles(IReadOnlyList<StudioModel> models)
    {
        var before = _studio;
        _studio = [.. models.Where(m => !IsFixed(m.Profile.Id)).OrderBy(m => m.Profile.Id, StringComparer.Ordinal)];
        foreach (var old in before.Where(o => !_studio.Any(n => n.Profile == o.Profile)))
        {
            if (_local.TryRemove(old.Profile.Id, out var local))
            {
                local.Dispose();
            }
        }
    }

    public ModelProfile? Find(string id) => Profiles.FirstOrDefault(p => p.Id == id);

    /// <summary>The large models that can answer now: generative profiles whose file, endpoint and key are in place.</summary>
    public IEnumerable<ModelProfile> AvailableGenerative => Profiles.Where(p => p.IsGenerative && Status(p).Available);

    public ModelStatus Status(ModelProfile profile) => profile.Kind switch
    {
        ModelKind.Gguf => Local(profile).Status(),
        ModelKind.OpenAi => HostedProblem(profile) is { } problem
            ? new ModelStatus(false, problem, false, null, profile.Parameters)
            : new ModelStatus(true, null, false, null, profile.Parameters),
        _ => new ModelStatus(true, null, true, null, profile.Parameters),
    };

    /// <exception cref="ModelUnavailableException">Unknown id, a small rung (not generative), or a profile that cannot run.</exception>
    public IChatClient ChatClient(string id)
    {
        var profile = Find(id) ?? throw new ModelUnavailableException($"There is no model '{id}'. GET /v1/models lists them.", unknown: true);
        switch (profile.Kind)
        {
            case ModelKind.Gguf:
                var local = Local(profile);
                local.Load();
                return new LocalChatClient(local);
            case ModelKind.OpenAi:
                if (HostedProblem(profile) is { } problem)
                {
                    throw new ModelUnavailableException($"Model '{id}': {problem}");
                }

                // The key is read at the call: from its environment variable, or decrypted from the studio's store.
                var key = profile.ApiKeyVariable is not null ? Environment.GetEnvironmentVariable(profile.ApiKeyVariable)!
                    : _studio.FirstOrDefault(m => m.Profile.Id == id)?.ApiKey?.Invoke() ?? "unused";
                var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
                {
                    Endpoint = new Uri(profile.Endpoint!),
                    Transport = new HttpClientPipelineTransport(_httpClients(profile.Id)),
                });
                return client.GetChatClient(profile.Model).AsIChatClient();
            default:
                throw new ModelUnavailableException($"'{id}' is a {profile.Kind.ToString().ToLowerInvariant()} rung: it classifies but does not generate text.", unknown: true);
        }
    }

    public LocalGgufModel Local(ModelProfile profile) =>
        _local.GetOrAdd(profile.Id, _ => new LocalGgufModel(profile, _logger, _clock));

    /// <summary>Frees every local model's weights; a model still generating is freed when its last generation ends.</summary>
    public void Dispose()
    {
        foreach (var model in _local.Values)
        {
            model.Dispose();
        }
    }

    private string? HostedProblem(ModelProfile profile)
    {
        if (!Uri.TryCreate(profile.Endpoint, UriKind.Absolute, out _))
        {
            return "Endpoint must be an absolute URL such as https://api.openai.com/v1.";
        }

        if (profile.ApiKeyVariable is { } variable && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            return $"the environment variable {variable} (its API key) is not set.";
        }

        return profile.HasStoredKey && _studio.FirstOrDefault(m => m.Profile.Id == profile.Id)?.ApiKey?.Invoke() is null
            ? "its stored API key cannot be decrypted (the data-protection keys have changed); enter the key again."
            : null;
    }
}
