namespace Studio.Web.Api;

/// <summary>Text sent inside a request body (a CSV in a JSON field) is held to the upload limit, as a file picked on a page is.</summary>
internal static class UploadLimit
{
    /// <summary>Checked before the text is parsed.</summary>
    /// <exception cref="ArgumentException">The text is over <paramref name="maxBytes"/> in UTF-8; the message gives both sizes.</exception>
    public static void EnsureWithin(string text, long maxBytes, string what = "CSV")
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) is var bytes && bytes > maxBytes)
        {
            throw new ArgumentException($"The {what} is {bytes:N0} bytes; the limit is {maxBytes:N0} (Studio:MaxUploadBytes).");
        }
    }
}
