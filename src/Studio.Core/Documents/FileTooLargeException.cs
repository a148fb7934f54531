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

    /// <summary>Reads a text file or upload, refusing it before reading when it is over the limit.</summary>
    public static async Task<string> ReadLimitedAsync(Stream stream, string fileName, long? declaredSize, long limit, CancellationToken cancellationToken = default)
    {
        if (declaredSize > limit)
        {
            throw new FileTooLargeException(fileName, declaredSize.Value, limit);
        }

        // The declared size can be missing or wrong (chunked uploads), so count while reading too.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new FileTooLargeException(fileName, buffer.Length + read, limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
    }
}
