using Microsoft.AspNetCore.Components.Forms;
using Studio.Core.Documents;

namespace Studio.Web.Features.Common;

/// <summary>Files picked on a page, read as text within the upload limit.</summary>
public static class BrowserFiles
{
    /// <summary>
    /// The file's text. Blazor's own cap is set no lower than the declared size, so the refusal of a file too large comes
    /// from <see cref="LimitedText"/>, which names the file and the limit, and counts what is really read.
    /// </summary>
    /// <exception cref="FileTooLargeException">The file is larger than <paramref name="limit"/> bytes.</exception>
    public static async Task<string> ReadTextAsync(IBrowserFile file, long limit)
    {
        await using var stream = file.OpenReadStream(maxAllowedSize: Math.Max(limit, file.Size));
        return await LimitedText.ReadAsync(stream, file.Name, file.Size, limit);
    }
}
