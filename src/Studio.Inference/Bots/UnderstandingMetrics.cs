using System.Diagnostics.Metrics;

namespace Studio.Inference.Bots;

/// <summary>
/// How much understanding work requests cost, by bot: the sentence encoder is the expensive step, so each
/// message it encodes is counted (meter <c>Studio.Understanding</c>, for dotnet-counters or OpenTelemetry).
/// </summary>
public static class UnderstandingMetrics
{
    public const string MeterName = "Studio.Understanding";

    public const string EncodedName = "studio.understanding.encoded";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Encoded = Meter.CreateCounter<long>(EncodedName, "{message}", "Messages run through the sentence encoder, tagged with the bot.");
}
