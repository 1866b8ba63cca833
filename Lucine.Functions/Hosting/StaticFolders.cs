using Microsoft.Extensions.FileProviders;

namespace Lucine.Functions.Hosting;

/// <summary>A folder of files served as they are (the widget, the dashboard), from its copy next to the binaries.</summary>
/// <param name="Function">The function that forwards its requests behind the Azure Functions host.</param>
public sealed record StaticFolder(string Folder, string Function);

public static class StaticFolders
{
    public static readonly StaticFolder[] All = [new("widget", "ServeWidget"), new("dashboard", "ServeDashboard")];

    public static IApplicationBuilder UseStaticFolders(this WebApplication app)
    {
        foreach (var folder in All)
        {
            var path = Path.Combine(app.Environment.ContentRootPath, folder.Folder);
            if (Directory.Exists(path))
            {
                app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = new PhysicalFileProvider(path), RequestPath = "/" + folder.Folder });
                app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(path), RequestPath = "/" + folder.Folder });
            }
        }

        return app;
    }
}
