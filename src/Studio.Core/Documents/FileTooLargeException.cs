using System.Globalization;

namespace Studio.Core.Documents;

/// <summary>An uploaded or imported file is over the configured size limit; nothing of it was read or stored.</summary>
public sealed class FileTooLargeException(string fileName, long size, long limit)
    : Exception($"'{fileName}' is {Describe(size)}; the limit is {Describe(limit)} (Studio:MaxUploadBytes).")
{
    public long Limit { get; } = limit;

    public static string Describe(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB";
}
