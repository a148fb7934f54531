using System.Runtime.CompilerServices;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Sampling;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Studio.Inference.Models;

namespace Studio.Inference.Llm;

/// <summary>
/// A local GGUF model: the weights are loaded once and shared; every generation gets its own short-lived
/// context (LLamaSharp's stateless executor disposes it when the generation ends or is cancelled). One
/// generation runs at a time on the CPU; up to <see cref="ModelProfile.QueueLimit"/> more wait, and beyond that
/// callers get <see cref="ModelBusyException"/>.
/// </summary>
public sealed class LocalGgufModel(ModelProfile profile, ILogger logger) : IDisposable
{
    private readonly Lock _loadGate = new();
    private readonly SemaphoreSlim _runGate = new(1, 1);
    private LLamaWeights? _weights;
    private int _queued;

    public ModelProfile Profile { get; } = profile;

    public bool IsLoaded => _weights is not null;

    public ModelStatus Status()
    {
        var problem = GgufFile.Problem(Profile.Path);
        var weights = _weights;
        return new ModelStatus(problem is null, problem, weights is not null, weights is null ? null : (long)weights.SizeInBytes,
            weights is null ? Profile.Parameters : (long)weights.ParameterCount);
    }

    /// <summary>Loads the weights if they are not loaded yet.</summary>
    /// <exception cref="ModelUnavailableException">The file is missing, unreadable or not a model LLamaSharp can load.</exception>
    public LLamaWeights Load()
    {
        lock (_loadGate)
        {
            if (_weights is { } loaded)
            {
                return loaded;
            }

            if (GgufFile.Problem(Profile.Path) is { } problem)
            {
                throw new ModelUnavailableException($"Model '{Profile.Id}': {problem}");
            }

            LlamaNative.EnsureConfigured(logger);
            try
            {
                _weights = LLamaWeights.LoadFromFile(Parameters());
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new ModelUnavailableException($"Model '{Profile.Id}': '{Profile.Path}' could not be loaded: {ex.Message}");
            }

            logger.LogInformation("Loaded {Model} from {Path}: {Parameters:N0} parameters, {Bytes:N0} bytes", Profile.Id, Profile.Path, _weights.ParameterCount, _weights.SizeInBytes);
            return _weights;
        }
    }

    /// <summary>Frees the weights once no generation is using them.</summary>
    public async Task UnloadAsync(CancellationToken cancellationToken = default)
    {
        await _runGate.WaitAsync(cancellationToken);
        try
        {
            lock (_loadGate)
            {
                _weights?.Dispose();
                _weights = null;
            }
        }
        finally
        {
            _runGate.Release();
        }
    }

    public int CountTokens(string text) => Load().Tokenize(text, add_bos: true, special: true, System.Text.Encoding.UTF8).Length;

    /// <summary>The model's own chat template when it has one; otherwise a plain "role: text" transcript.</summary>
    public string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        var weights = Load();
        var list = messages.ToList();
        if (weights.Metadata.ContainsKey("tokenizer.chat_template"))
        {
            var template = new LLamaTemplate(weights) { AddAssistant = true };
            foreach (var message in list)
            {
                template.Add(message.Role.Value, message.Text);
            }

            return System.Text.Encoding.UTF8.GetString(template.Apply());
        }

        var prompt = new StringBuilder();
        foreach (var message in list)
        {
            prompt.Append(message.Role == ChatRole.System ? "" : char.ToUpperInvariant(message.Role.Value[0]) + message.Role.Value[1..] + ": ")
                .Append(message.Text).Append('\n');
        }

        return list.Count == 1 && list[0].Role == ChatRole.User ? list[0].Text : prompt.Append("Assistant:").ToString();
    }

    /// <summary>Streams the continuation of <paramref name="prompt"/> token by token.</summary>
    public async IAsyncEnumerable<string> GenerateAsync(string prompt, GenerationSettings settings, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var weights = Load();
        var promptTokens = CountTokens(prompt);
        if (promptTokens + settings.MaxTokens > Profile.ContextSize)
        {
            throw new ArgumentException(
                $"The prompt is {promptTokens} tokens and {settings.MaxTokens} more were asked for, but '{Profile.Id}' has a context of {Profile.ContextSize} tokens.");
        }

        if (Interlocked.Increment(ref _queued) > Profile.QueueLimit + 1)
        {
            Interlocked.Decrement(ref _queued);
            throw new ModelBusyException(Profile.Id, Profile.QueueLimit);
        }

        try
        {
            await _runGate.WaitAsync(cancellationToken);
            try
            {
                var executor = new StatelessExecutor(weights, Parameters(), logger);
                var inference = new InferenceParams
                {
                    MaxTokens = settings.MaxTokens,
                    AntiPrompts = settings.Stop ?? [],
                    SamplingPipeline = new DefaultSamplingPipeline
                    {
                        Temperature = settings.Temperature,
                        Seed = settings.Seed,
                        TopP = settings.TopP,
                        Grammar = settings.Grammar is null ? null : new Grammar(settings.Grammar, "root"),
                    },
                };
                await foreach (var piece in executor.InferAsync(prompt, inference, cancellationToken))
                {
                    yield return piece;
                }
            }
            finally
            {
                _runGate.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    public void Dispose()
    {
        _weights?.Dispose();
        _runGate.Dispose();
    }

    private ModelParams Parameters() => new(Profile.Path!) { ContextSize = (uint)Profile.ContextSize, GpuLayerCount = 0 };
}
