using Microsoft.Playwright;

namespace Lucine.Functions.Tests.Browser;

/// <summary>Pictures of the screens, for people to look at: under the test output's artifacts/screenshots.</summary>
internal static class Screenshots
{
    public static Task SaveAsync(ILocator what, string name) => what.ScreenshotAsync(new() { Path = PathOf(name) });

    public static Task SaveAsync(IPage page, string name) => page.ScreenshotAsync(new() { Path = PathOf(name), FullPage = true });

    private static string PathOf(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name.EndsWith(".png", StringComparison.Ordinal) ? name : name + ".png");
    }
}
