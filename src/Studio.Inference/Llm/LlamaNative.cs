using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Studio.Inference.Llm;

/// <summary>
/// Configures LLamaSharp's native library once, before any other LLamaSharp call: llama.cpp's chatter goes
/// to our logger, warnings and errors only.
/// </summary>
public static class LlamaNative
{
    private static readonly Lock Gate = new();
    private static bool _configured;
    private static ILogger? _logger;

    public static void EnsureConfigured(ILogger? logger = null)
    {
        lock (Gate)
        {
            _logger ??= logger;
            if (_configured)
            {
                return;
            }

            NativeLibraryConfig.All.WithLogCallback((level, message) =>
            {
                if (level is LLamaLogLevel.Warning or LLamaLogLevel.Error && !string.IsNullOrWhiteSpace(message))
                {
                    _logger?.Log(level == LLamaLogLevel.Error ? LogLevel.Error : LogLevel.Warning, "llama.cpp: {Message}", message.TrimEnd());
                }
            });
            _configured = true;
        }
    }
}
