using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Assert = Xunit.Assert;

namespace Studio.EndToEnd.Tests;

/// <summary>Choosing in a MudSelect, and knowing the choice has reached the server before the test goes on.</summary>
public static class MudSelects
{
    /// <summary>An open list of options: MudBlazor draws tooltips as popovers too, and one shown under the pointer is not a list.</summary>
    public const string OpenList = ".mud-popover-open:not(.mud-tooltip)";

    /// <summary>
    /// Opens the select, picks the option, and waits until the field shows it: the field is redrawn by the
    /// server, so once it shows the choice the server has it. Fails if it never does.
    /// </summary>
    public static async Task ChooseAsync(this ILocator field, string option)
    {
        var page = field.Page;
        await OpenAndPickAsync(field, option);
        await Expect(page.Locator(MudSelects.OpenList)).ToHaveCountAsync(0);
        // MudSelect renders as an input or a div; wait until it shows exactly the choice ("is" must not pass while
        // "is not" is shown), finding the field afresh on every try in case the server redrew it.
        var shown = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            shown = (await field.EvaluateAsync<string?>("e => e.value ?? e.textContent") ?? "").Trim();
            if (shown == option)
            {
                return;
            }
        }

        Assert.Fail($"The select shows '{shown}', not the choice '{option}'.");
    }

    // A click that lands while the page is still being redrawn (a draft loading after navigation) can open a
    // popover that the redraw closes again; so the list is opened again, a bounded number of times, until the
    // option shows. Each try waits for the option, not for a fixed time.
    private static async Task OpenAndPickAsync(ILocator field, string option)
    {
        var choice = field.Page.Locator(MudSelects.OpenList).GetByText(option, new() { Exact = true });
        for (var attempt = 1; ; attempt++)
        {
            if (await field.Page.Locator(MudSelects.OpenList).CountAsync() == 0)
            {
                await field.ClickAsync();
            }

            try
            {
                await choice.WaitForAsync(new() { Timeout = 10_000 });
                await choice.ClickAsync();
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }
}
