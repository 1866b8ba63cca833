namespace Lucine.Functions.Tests;

/// <summary>
/// The test layers, as every test class's <c>[Trait("Category", …)]</c> names them
/// (<c>dotnet test Lucine.sln --filter Category=integration</c>).
/// </summary>
public static class Layer
{
    /// <summary>Pure code of Lucine.Functions, no Azurite, no Kestrel, no browser.</summary>
    public const string Unit = "unit";

    /// <summary>A real Azurite and/or a real Kestrel.</summary>
    public const string Integration = "integration";

    /// <summary>A real Chromium driven by Playwright (and the Lucine it talks to).</summary>
    public const string Browser = "browser";
}
