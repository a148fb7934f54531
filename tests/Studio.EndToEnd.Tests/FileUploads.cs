using Microsoft.Playwright;

namespace Studio.EndToEnd.Tests;

/// <summary>File choices that reach the server even when the page has only just rendered.</summary>
public static class FileUploads
{
    /// <summary>
    /// Blazor's InputFile listens for "change" only once its script has initialised the element, one round
    /// trip after the element appears; files set before that are dropped silently. The script marks the
    /// element when it is ready, so wait for that mark, then choose the files.
    /// </summary>
    public static async Task ChooseFilesAsync(this ILocator input, params FilePayload[] files)
    {
        var element = await input.ElementHandleAsync();
        await input.Page.WaitForFunctionAsync("input => input._blazorInputFileNextFileId !== undefined", element);
        await input.SetInputFilesAsync(files);
    }
}
