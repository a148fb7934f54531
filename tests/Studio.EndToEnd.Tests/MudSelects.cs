using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>Choosing in a MudSelect, and knowing the choice has reached the server before the test goes on.</summary>
public static class MudSelects
{
    /// <summary>
    /// Opens the select, picks the option, and waits until the field shows it: the field is redrawn by the
    /// server, so once it shows the choice the server has it. Fails if it never does.
    /// </summary>
    public static async Task ChooseAsync(this ILocator field, string option)
    {
        var page = field.Page;
        await field.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        // MudSelect renders as an input or a div; wait until either shows the choice.
        await page.WaitForFunctionAsync("([e, text]) => ((e.value ?? e.textContent) || '').includes(text)",
            new object[] { await field.ElementHandleAsync(), option }, new() { Timeout = 15_000 });
    }
}
