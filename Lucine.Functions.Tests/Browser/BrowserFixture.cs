using Microsoft.Playwright;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// Debian's Chromium (headless, driven by Playwright) against the real app on Kestrel with its own
/// Azurite. Playwright's own browser download does not work here, so the system Chromium is used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private AzuriteServer azurite = null!;
    private IPlaywright playwright = null!;

    public LucineHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (scripts/test.sh does).");
        }

        azurite = await AzuriteServer.StartAsync();
        Host = await LucineHost.StartAsync(azurite.ConnectionString, clock: ShiftedClock.InSeason());
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// Italian, as the park's staff have it: the dashboard follows the browser's language, and
    /// Chromium's own (without a locale) is en-US.
    /// </summary>
    public const string StaffLocale = "it-IT";

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.BaseAddress.ToString(), Locale = StaffLocale });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright.Dispose();
        await Host.DisposeAsync();
        await azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
