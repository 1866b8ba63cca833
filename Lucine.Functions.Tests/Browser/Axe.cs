using System.Text.Json;
using Microsoft.Playwright;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// axe-core (npm, from node_modules) run in a page: its serious and critical violations, each as
/// "id (impact): targets". The pages' CSP forbids inline scripts, so the contexts that use it bypass CSP.
/// </summary>
internal static class Axe
{
    private const string Run = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => JSON.stringify(n.target)).join(', '));
        }
        """;

    public static Task<IBrowserContext> NewContextAsync(BrowserFixture browser, LucineHost host) =>
        browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(), Locale = BrowserFixture.StaffLocale, BypassCSP = true,
        });

    /// <summary>The serious and critical violations on the page as it is now (open shadow roots included).</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new() { Path = RepositoryRoot.Combine("node_modules", "axe-core", "axe.min.js") });
        }

        var found = await page.EvaluateAsync<JsonElement>(Run);
        return [.. found.EnumerateArray().Select(v => v.GetString()!)];
    }
}
