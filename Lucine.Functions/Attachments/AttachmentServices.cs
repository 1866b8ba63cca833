using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Attachments;

public static class AttachmentServices
{
    /// <summary>Files in chats and tickets: their blobs (containers created at start with the tables), the upload's checks, the budget.</summary>
    public static IHostApplicationBuilder AddAttachments(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<AttachmentOptions>(AttachmentOptions.Section);
        var services = builder.Services;
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.Policy);
        services.AddSingleton<AttachmentBlobs>();
        services.AddSingleton<IStorageSetup>(sp => sp.GetRequiredService<AttachmentBlobs>());
        services.AddSingleton<AttachmentUploads>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        app.MapChatAttachmentEndpoints();
        app.MapTicketAttachmentEndpoints();
        return app;
    }
}
