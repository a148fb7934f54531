using System.Diagnostics;
using Microsoft.Extensions.AI;
using Studio.Data.Access;
using Studio.Data.Models;
using Studio.Inference.Models;

namespace Studio.Application.Models;

/// <summary>
/// The model profiles admins manage in the studio, kept in the database and served by the one <see cref="ModelRegistry"/>:
/// a save or removal reaches every surface that asks the registry (the test console, comparisons, publishing, /v1).
/// </summary>
public sealed class ModelProfiles(ModelProfileStore store, ModelRegistry registry, ICurrentActor actor) : IDisposable
{
    // One reload at a time, so an older read never replaces a newer one in the registry.
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>How long "Test" waits for a model's first token before it names the wait as the reason.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Puts the stored profiles into the registry; start-up calls it once the database is migrated.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var stored = await store.ListAsync(cancellationToken);
            registry.SetStudioProfiles([.. stored.Select(p => new StudioModel(ProfileOf(p), p.ProtectedApiKey is null ? null : () => store.ApiKeyOf(p)))]);
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    /// <summary>The stored profiles with their revisions, for the page that edits them; keys stay encrypted and are never returned.</summary>
    public Task<IReadOnlyList<StoredModelProfile>> StoredAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    public async Task<ModelProfile> SaveAsync(ModelProfileInput input, CancellationToken cancellationToken = default)
    {
        var saved = await store.SaveAsync(input, registry.IsFixed, cancellationToken);
        await LoadAsync(cancellationToken);
        return registry.Find(saved.Id) ?? throw new ModelProfileConflictException($"The model '{saved.Id}' was removed by someone else just after it was saved.");
    }

    public async Task DeleteAsync(string id, int revision, CancellationToken cancellationToken = default)
    {
        await store.DeleteAsync(id, revision, cancellationToken);
        await LoadAsync(cancellationToken);
    }

    /// <summary>Loads a local model's weights now, so the first generation does not wait; admins only, since memory is shared.</summary>
    /// <exception cref="ModelUnavailableException">The profile is not a local model, or its file cannot be loaded.</exception>
    public async Task LoadWeightsAsync(string id, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Administer, cancellationToken);
        var local = registry.Local(LocalProfile(id));
        await Task.Run(local.Load, cancellationToken);
    }

    /// <summary>Frees a local model's weights once no generation uses them; admins only.</summary>
    public async Task UnloadWeightsAsync(string id, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Administer, cancellationToken);
        await registry.Local(LocalProfile(id)).UnloadAsync(cancellationToken);
    }

    /// <summary>
    /// Asks the model for one token and times it, or says exactly why it cannot answer. Admins only: a local model's
    /// weights take memory from everyone on the machine.
    /// </summary>
    public async Task<ModelTestResult> TestAsync(string id, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Administer, cancellationToken);
        if (registry.Find(id) is not { } profile)
        {
            return ModelTestResult.Failed($"There is no model '{id}'.");
        }

        if (!profile.IsGenerative)
        {
            return ModelTestResult.Failed($"'{id}' is a {profile.Kind.ToString().ToLowerInvariant()} rung: it classifies but does not generate, so there is nothing to test here.");
        }

        if (registry.Status(profile) is { Available: false, Reason: var reason })
        {
            return ModelTestResult.Failed(reason ?? "The model is unavailable.");
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TestTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var client = await Task.Run(() => registry.ChatClient(id), patience.Token);
            var answer = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Say hello.")], new ChatOptions { MaxOutputTokens = 1, Temperature = 0 }, patience.Token);
            return new ModelTestResult(true, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, answer.Text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ModelTestResult.Failed($"No answer within {TestTimeout.TotalSeconds:N0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A diagnosis, not an error page: whatever stopped the model (a refused connection, an open circuit, a native
            // load failure, a 401) is the answer the admin asked for.
            return ModelTestResult.Failed(ex.InnerException is { } inner && ex is not System.ClientModel.ClientResultException ? $"{ex.Message} ({inner.Message})" : ex.Message);
        }
    }

    private ModelProfile LocalProfile(string id) => registry.Find(id) is { Kind: ModelKind.Gguf } profile
        ? profile
        : throw new ModelUnavailableException($"'{id}' is not a local GGUF model.", unknown: true);

    private static ModelProfile ProfileOf(StoredModelProfile stored) => ModelRegistry.FromOptions(stored.Id, new ModelProfileOptions
    {
        DisplayName = stored.DisplayName,
        Kind = stored.Kind == "openai" ? ModelKind.OpenAi : ModelKind.Gguf,
        Path = stored.Path,
        Endpoint = stored.Endpoint,
        Model = stored.Model,
        ApiKeyVariable = stored.ApiKeyVariable,
        ContextSize = stored.ContextSize,
        Threads = stored.Threads,
        ChatTemplate = stored.ChatTemplate,
        Parameters = stored.Parameters,
        PricePerMillionInputTokens = stored.PricePerMillionInputTokens,
        PricePerMillionOutputTokens = stored.PricePerMillionOutputTokens,
    }, ModelSource.Studio, hasStoredKey: stored.ProtectedApiKey is not null);
}
