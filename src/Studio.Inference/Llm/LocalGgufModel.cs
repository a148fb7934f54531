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
/// <remarks>
/// Every use of the weights holds a <see cref="ModelLease"/>, taken before it waits its turn. Freeing the weights
/// (after <see cref="ModelProfile.IdleUnload"/> without use, on <see cref="UnloadAsync"/> or on disposal) never
/// happens under a lease: it is deferred to the last release, so a generation in flight or in the queue always
/// finishes on live weights.
/// </remarks>
public sealed class LocalGgufModel(ModelProfile profile, ILogger logger, TimeProvider? clock = null) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _runGate = new(1, 1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private LLamaWeights? _weights;
    private int _leases;
    private bool _disposed;
    private TaskCompletionSource? _unloadRequested;
    private ITimer? _idleTimer;
    private int _idleVersion;
    private int _queued;

    public ModelProfile Profile { get; } = profile;

    public bool IsLoaded => _weights is not null;

    /// <summary>Leases now out (generations running or waiting, prompts being formatted).</summary>
    public int Leases
    {
        get
        {
            lock (_gate)
            {
                return _leases;
            }
        }
    }

    public ModelStatus Status()
    {
        var problem = GgufFile.Problem(Profile.Path);
        var weights = _weights;
        return new ModelStatus(problem is null, problem, weights is not null, weights is null ? null : (long)weights.SizeInBytes,
            weights is null ? Profile.Parameters : (long)weights.ParameterCount);
    }

    /// <summary>Loads the weights if they are not loaded yet, so a broken file is reported before the first generation.</summary>
    /// <exception cref="ModelUnavailableException">The file is missing, unreadable or not a model LLamaSharp can load.</exception>
    public void Load()
    {
        using var lease = Acquire();
    }

    /// <summary>Loads the weights if needed and keeps them alive until the lease is disposed.</summary>
    /// <exception cref="ModelUnavailableException">The file cannot be loaded.</exception>
    /// <exception cref="ObjectDisposedException">The model has been shut down.</exception>
    public ModelLease Acquire()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            StopIdleTimer();
            var weights = _weights ?? LoadWeights();
            _leases++;
            return new ModelLease(weights, Release);
        }
    }

    /// <summary>Frees the weights once no generation is using them; completes when they are freed.</summary>
    public Task UnloadAsync(CancellationToken cancellationToken = default)
    {
        Task freed;
        lock (_gate)
        {
            if (_leases == 0)
            {
                FreeWeights("unload requested");
                return Task.CompletedTask;
            }

            _unloadRequested ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            freed = _unloadRequested.Task;
        }

        return freed.WaitAsync(cancellationToken);
    }

    public int CountTokens(string text)
    {
        using var lease = Acquire();
        return CountTokens(lease.Weights, text);
    }

    /// <summary>The model's own chat template when it has one; otherwise a plain "role: text" transcript.</summary>
    public string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        using var lease = Acquire();
        var weights = lease.Weights;
        var list = messages.ToList();
        // A profile's own template (a name llama.cpp knows, or template text) wins over the file's.
        if (Profile.ChatTemplate is { Length: > 0 } || weights.Metadata.ContainsKey("tokenizer.chat_template"))
        {
            var template = Profile.ChatTemplate is { Length: > 0 } custom ? new LLamaTemplate(custom) { AddAssistant = true } : new LLamaTemplate(weights) { AddAssistant = true };
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
        // Taken before waiting its turn, so an unload requested meanwhile waits for this generation too.
        using var lease = Acquire();
        var weights = lease.Weights;
        var promptTokens = CountTokens(weights, prompt);
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

    /// <summary>Shuts the model down: the weights are freed now, or when the last generation still using them ends.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            StopIdleTimer();
            if (_leases == 0)
            {
                FreeWeights("shut down");
                _runGate.Dispose();
            }
        }
    }

    private static int CountTokens(LLamaWeights weights, string text) => weights.Tokenize(text, add_bos: true, special: true, System.Text.Encoding.UTF8).Length;

    private LLamaWeights LoadWeights()
    {
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

    private void Release()
    {
        lock (_gate)
        {
            if (--_leases > 0)
            {
                return;
            }

            if (_disposed)
            {
                FreeWeights("shut down");
                _runGate.Dispose();
            }
            else if (_unloadRequested is not null)
            {
                FreeWeights("unload requested");
            }
            else if (Profile.IdleUnload is { } idle && _weights is not null)
            {
                var version = ++_idleVersion;
                _idleTimer = _clock.CreateTimer(_ => UnloadIfIdle(version), null, idle, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void UnloadIfIdle(int version)
    {
        lock (_gate)
        {
            // A timer that fired just as a new lease stopped it must not free the weights that lease holds.
            if (version == _idleVersion && _leases == 0 && !_disposed)
            {
                StopIdleTimer();
                FreeWeights($"idle for {Profile.IdleUnload}");
            }
        }
    }

    private void StopIdleTimer()
    {
        _idleVersion++;
        _idleTimer?.Dispose();
        _idleTimer = null;
    }

    private void FreeWeights(string reason)
    {
        if (_weights is { } weights)
        {
            weights.Dispose();
            _weights = null;
            logger.LogInformation("Unloaded {Model}: {Reason}", Profile.Id, reason);
        }

        _unloadRequested?.TrySetResult();
        _unloadRequested = null;
    }

    private ModelParams Parameters() => new(Profile.Path!) { ContextSize = (uint)Profile.ContextSize, GpuLayerCount = 0, Threads = Profile.Threads };
}
