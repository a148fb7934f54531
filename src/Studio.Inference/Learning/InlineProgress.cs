namespace Studio.Inference.Learning;

/// <summary>Reports progress on the calling thread, in order (unlike <see cref="Progress{T}"/>, which posts).</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
