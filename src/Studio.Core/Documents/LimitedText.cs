using System.Text;

namespace Studio.Core.Documents;

/// <summary>Reads an uploaded or imported bot file as text, refusing it as soon as it is known to be over the limit.</summary>
public static class LimitedText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="FileTooLargeException">The declared size, or what was read so far, is over <paramref name="limit"/>.</exception>
    public static async Task<string> ReadAsync(Stream stream, string fileName, long? declaredSize, long limit, CancellationToken cancellationToken = default)
    {
        if (declaredSize > limit)
        {
            throw new FileTooLargeException(fileName, declaredSize.Value, limit);
        }

        // The declared size can be missing or wrong (chunked uploads), so count while reading too.
        using var buffer = new MemoryStream();
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

        try
        {
            return StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            // Decoding leniently would swap accented letters for '?' and store the damage.
            throw new InvalidDataException($"'{fileName}' is not UTF-8 text (invalid byte at offset {ex.Index}); save it as UTF-8 and try again.", ex);
        }
    }
}
