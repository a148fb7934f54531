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

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (KnownBinaryFormat(bytes) is { } format)
        {
            throw new InvalidDataException($"'{fileName}' is a {format} file, not text; the studio reads UTF-8 text only (Markdown, plain text, YAML, JSON or CSV). Save or export it as text first.");
        }

        try
        {
            var text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
            EnsureText(text, fileName);
            return text;
        }
        catch (DecoderFallbackException ex)
        {
            // Decoding leniently would swap accented letters for '?' and store the damage.
            throw new InvalidDataException($"'{fileName}' is not UTF-8 text (invalid byte at offset {ex.Index}); save it as UTF-8 and try again.", ex);
        }
    }

    /// <summary>
    /// Refuses text that is really binary: valid UTF-8 can still hold NUL and other control characters, which
    /// no document, example or test set has, and which would be stored and indexed as if they were words.
    /// </summary>
    /// <exception cref="InvalidDataException">The text holds a NUL or other control characters.</exception>
    public static void EnsureText(string text, string name)
    {
        if (text.AsSpan().IndexOfAny(ControlCharacters) is var index and >= 0)
        {
            throw new InvalidDataException($"'{name}' holds a control character (U+{(int)text[index]:X4}) at offset {index} that text does not have; it looks like a binary file. The studio reads UTF-8 text only (Markdown, plain text, YAML, JSON or CSV).");
        }
    }

    // C0 controls other than tab, line feed, vertical tab, form feed and carriage return; and DEL.
    private static readonly System.Buffers.SearchValues<char> ControlCharacters = System.Buffers.SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    // Formats people upload by mistake, by their first bytes: named, so the message says what was sent.
    private static string? KnownBinaryFormat(ReadOnlySpan<byte> start) => start switch
    {
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "PDF",
        [(byte)'P', (byte)'K', 3, 4, ..] => "ZIP (or Word, Excel or PowerPoint)",
        [0xD0, 0xCF, 0x11, 0xE0, ..] => "legacy Office",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "PNG image",
        [0xFF, 0xD8, 0xFF, ..] => "JPEG image",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "GIF image",
        [0x1F, 0x8B, ..] => "gzip",
        _ => null,
    };
}
