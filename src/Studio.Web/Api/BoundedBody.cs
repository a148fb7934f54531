using Microsoft.AspNetCore.Http.Features;

namespace Studio.Web.Api;

/// <summary>Reads a request body up to a limit, stopping at the limit whether or not the body declared its length.</summary>
internal static class BoundedBody
{
    /// <summary>The body, or null once it is known to be over <paramref name="limit"/> bytes (then most of it is never read).</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit)
        {
            return null;
        }

        // Kestrel then refuses a chunked body at the limit itself; the count below holds on any server.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
