using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// A third-party internet service's stand-in on a local Kestrel (loopback, free port): the test's own
/// handler answers every request, over https when given a certificate. <see cref="TestEnded"/>
/// completes at disposal, so a handler that plays a service that never answers can wait for it.
/// </summary>
public sealed class StandInServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TaskCompletionSource testEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StandInServer(WebApplication app) => this.app = app;

    public Uri BaseAddress => new(app.Urls.First());

    public Task TestEnded => testEnded.Task;

    public static async Task<StandInServer> StartAsync(Func<HttpContext, Task> handler, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        builder.WebHost.UseUrls(certificate is null ? "http://127.0.0.1:0" : "https://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.Run(context => handler(context));
        await app.StartAsync();
        return new StandInServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        testEnded.TrySetResult();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
