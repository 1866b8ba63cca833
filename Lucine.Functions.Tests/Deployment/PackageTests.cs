using System.IO.Compression;
using Lucine.Functions.Hosting;
using Lucine.Functions.Tests.Hosting;

namespace Lucine.Functions.Tests.Deployment;

/// <summary>
/// The zip <c>scripts/package.sh</c> builds is what the Functions host runs: host.json at its root, the
/// executable it names (self-contained, executable), a function.json for everything the app serves,
/// and the files the app serves itself. The host cannot run here, so its expectations are checked on
/// the zip as it would unpack it.
/// </summary>
[Trait("Category", Layer.Integration)]
public sealed class PackageTests(Package package, GeneratedManifests manifests) : IClassFixture<Package>, IClassFixture<GeneratedManifests>
{
    [Fact]
    public void Host_json_is_at_the_root_and_names_an_executable_the_package_holds()
    {
        using var hostJson = JsonDocument.Parse(package.Read("host.json"));
        var handler = hostJson.RootElement.GetProperty("customHandler");
        var executable = package.Entry(handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString()!);

        Assert.True(((UnixFileMode)(executable.ExternalAttributes >> 16)).HasFlag(UnixFileMode.UserExecute), $"{executable.FullName} is not executable in the package.");
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal(string.Empty, hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void The_process_is_self_contained_for_linux_x64()
    {
        // Linux Functions hosts have no .NET 10 runtime for a custom handler: the package brings its own.
        Assert.NotNull(package.Entry("libcoreclr.so"));
        Assert.NotNull(package.Entry("libhostfxr.so"));
        Assert.NotNull(package.Entry("Lucine.Functions.dll"));
    }

    [Fact]
    public void Every_function_the_app_serves_has_its_function_json_and_no_other_is_there()
    {
        var packaged = package.Names.Where(n => n.EndsWith("/function.json", StringComparison.Ordinal)).Select(n => n.Split('/')[0]).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(manifests.Documents.Select(d => d.Name).Order(StringComparer.Ordinal), packaged);
        foreach (var (name, document) in manifests.Documents)
        {
            using var inPackage = JsonDocument.Parse(package.Read($"{name}/function.json"));
            Assert.True(JsonElement.DeepEquals(document.RootElement, inPackage.RootElement), name);
        }
    }

    [Fact]
    public void The_host_needs_no_extension_bundle_for_these_triggers()
    {
        // HTTP and timer triggers are built into the Functions host; any other trigger needs the bundle in host.json.
        using var hostJson = JsonDocument.Parse(package.Read("host.json"));
        var triggers = manifests.Documents.Select(d => d.Document.RootElement.GetProperty("bindings")[0].GetProperty("type").GetString()).ToHashSet();

        Assert.Subset(new HashSet<string?> { "httpTrigger", "timerTrigger" }, triggers);
        Assert.False(hostJson.RootElement.TryGetProperty("extensionBundle", out _));
    }

    [Fact]
    public void The_widget_the_dashboard_and_the_content_the_app_serves_are_in_the_package()
    {
        var dashboard = Directory.GetFiles(RepositoryRoot.Combine("dashboard"), "*", SearchOption.AllDirectories)
            .Select(f => "dashboard/" + Path.GetRelativePath(RepositoryRoot.Combine("dashboard"), f).Replace('\\', '/'))
            .Where(f => f != "dashboard/tsconfig.json")
            .ToList();

        Assert.NotEmpty(dashboard);
        Assert.All(dashboard, file => Assert.Contains(file, package.Names));
        Assert.All(
            new[] { "widget/lucine-widget.js", "widget/vendor/signalr.min.js", "dashboard/vendor/chart.umd.min.js", "widget/demo.html", "Content/knowledge-base.json", "Content/templates.json", "appsettings.json" },
            file => Assert.Contains(file, package.Names));
        Assert.All(StaticFolders.All, folder => Assert.Contains(package.Names, n => n.StartsWith(folder.Folder + "/", StringComparison.Ordinal)));
    }
}

/// <summary>The deployment package, built once by the packaging command into a temporary folder.</summary>
public sealed class Package : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lucine-package-" + Guid.NewGuid().ToString("N"));
    private ZipArchive? zip;

    public IReadOnlySet<string> Names { get; private set; } = new HashSet<string>();

    public ZipArchiveEntry Entry(string name) => zip!.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not in the package.");

    public string Read(string name)
    {
        using var reader = new StreamReader(Entry(name).Open());
        return reader.ReadToEnd();
    }

    public async Task InitializeAsync()
    {
        var path = Path.Combine(folder, "lucine-functions.zip");
        var packaging = await CommandResult.RunAsync("bash", [RepositoryRoot.Combine("scripts", "package.sh"), path], RepositoryRoot.Path);
        Assert.True(packaging.ExitCode == 0, $"scripts/package.sh failed: {packaging.Errors}{packaging.Output}");
        zip = ZipFile.OpenRead(path);
        Names = zip.Entries.Select(e => e.FullName).ToHashSet();
    }

    public Task DisposeAsync()
    {
        zip?.Dispose();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}
