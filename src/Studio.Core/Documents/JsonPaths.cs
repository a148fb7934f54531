namespace Studio.Core.Documents;

/// <summary>Converts between JSON Pointers (what the schema validator reports) and readable JSON paths.</summary>
public static class JsonPaths
{
    public static string FromPointer(string pointer)
    {
        if (string.IsNullOrEmpty(pointer) || pointer == "/")
        {
            return "$";
        }

        var path = new System.Text.StringBuilder("$");
        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
            {
                path.Append('[').Append(segment).Append(']');
            }
            else
            {
                path.Append('.').Append(segment);
            }
        }

        return path.ToString();
    }

    /// <summary>Appends one segment to a JSON Pointer, escaping it as RFC 6901 says.</summary>
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
