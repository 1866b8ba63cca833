namespace Lucine.Domain.Tests;

/// <summary>
/// The test layers, as every test class's <c>[Trait("Category", …)]</c> names them
/// (<c>dotnet test Lucine.sln --filter Category=unit</c>). Everything here is <see cref="Unit"/>;
/// Lucine.Functions.Tests holds the other layers.
/// </summary>
public static class Layer
{
    /// <summary>Pure code, no I/O: seconds.</summary>
    public const string Unit = "unit";
}
