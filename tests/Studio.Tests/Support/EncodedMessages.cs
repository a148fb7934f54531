using System.Diagnostics.Metrics;
using Studio.Inference.Bots;

namespace Studio.Tests.Support;

/// <summary>Counts the messages one bot runs through the sentence encoder, from the understanding meter, while it lives.</summary>
public sealed class EncodedMessages : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public EncodedMessages(string botId)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == UnderstandingMetrics.MeterName && instrument.Name == UnderstandingMetrics.EncodedName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "bot" && (string?)tag.Value == botId)
                {
                    Interlocked.Add(ref _count, value);
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
