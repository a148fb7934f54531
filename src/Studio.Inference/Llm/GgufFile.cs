namespace Studio.Inference.Llm;

/// <summary>Checks a GGUF file before LLamaSharp sees it, so a wrong path or a corrupt file is named plainly.</summary>
public static class GgufFile
{
    /// <summary>Null when the file looks usable; otherwise why it is not.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "No Path is configured for this GGUF profile.";
        }

        if (!File.Exists(path))
        {
            return $"The file '{path}' does not exist.";
        }

        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[4];
            return stream.Read(magic) == 4 && magic.SequenceEqual("GGUF"u8)
                ? null
                : $"'{path}' is not a GGUF file (it does not start with the GGUF signature).";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"'{path}' cannot be read: {ex.Message}";
        }
    }
}
