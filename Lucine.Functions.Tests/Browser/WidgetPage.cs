using Microsoft.Playwright;

namespace Lucine.Functions.Tests.Browser;

/// <summary>A visitor's moves on the widget demo page, as the widget browser tests share them.</summary>
internal static class WidgetPage
{
    /// <summary>Opens the Italian demo page on <paramref name="page"/> and the chat on it.</summary>
    public static async Task<IPage> OpenChatAsync(IPage page)
    {
        await page.GotoAsync("/widget/demo.html");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apri la chat con Lucy" }).ClickAsync();
        return page;
    }

    /// <summary>Writes in the composer (after a chat that is rated, the rating card has a text box too).</summary>
    public static async Task SendAsync(IPage page, string text)
    {
        var composer = page.Locator("#lucine-chat textarea.input");
        await composer.FillAsync(text);
        await composer.PressAsync("Enter");
    }
}
