using Lucine.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace Lucine.Functions.Tests.Hosting;

[Trait("Category", Layer.Unit)]
public sealed class LocalSettingsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lucine-settings-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Values_of_local_settings_rank_above_appsettings_and_below_later_sources()
    {
        File.WriteAllText(Path.Combine(folder, LocalSettings.FileName), """
            {
              "IsEncrypted": false,
              "Values": {
                "Storage__TablePrefix": "fromfile",
                "Chat:PageSize": "7",
                "Season__TimeZone": "Europe/Rome"
              }
            }
            """);
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Chat:PageSize"] = "50", ["Storage:TablePrefix"] = "fromappsettings" });
        configuration.AddEnvironmentVariables();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Season:TimeZone"] = "UTC" });

        configuration.AddLocalSettings(folder);

        Assert.Equal("fromfile", configuration["Storage:TablePrefix"]);
        Assert.Equal("7", configuration["Chat:PageSize"]);
        Assert.Equal("UTC", configuration["Season:TimeZone"]);
    }

    [Fact]
    public void No_file_means_no_change()
    {
        var configuration = new ConfigurationManager();
        var sources = ((IConfigurationBuilder)configuration).Sources.Count;

        configuration.AddLocalSettings(folder);

        Assert.Equal(sources, ((IConfigurationBuilder)configuration).Sources.Count);
    }
}
