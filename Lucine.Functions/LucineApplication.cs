using Lucine.Functions.Assistant;
using Lucine.Functions.Attachments;
using Lucine.Functions.Audit;
using Lucine.Functions.BlindSpots;
using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.History;
using Lucine.Functions.Hosting;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Notifications;
using Lucine.Functions.Operators;
using Lucine.Functions.Privacy;
using Lucine.Functions.Queue;
using Lucine.Functions.Realtime;
using Lucine.Functions.Replies;
using Lucine.Functions.Reports;
using Lucine.Functions.Satisfaction;
using Lucine.Functions.Storage;
using Lucine.Functions.Telemetry;
using Lucine.Functions.Tickets;

namespace Lucine.Functions;

/// <summary>
/// Builds the one Lucine process, feature by feature. <c>Program</c> runs it; tests and the benchmark
/// build it the same way, on a real Kestrel, changing only configuration and the clock.
/// </summary>
public static class LucineApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // The binaries' folder holds appsettings, content, widget and dashboard, however the process is started.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddHosting(backgroundSections: [DeadlineOptions.Section, RoutingOptions.Section, TicketOptions.Section, NotificationOptions.Section, OperatorOptions.Section, AuditOptions.Section, PrivacyOptions.Section]);
        builder.AddStorage().AddAudit().AddDecisions().AddKnowledge().AddAssistant();
        builder.AddChat().AddQueue().AddOperators().AddRealtime().AddTickets().AddNotifications().AddReplies().AddHistory().AddPrivacy().AddReports();
        builder.AddBlindSpots();
        builder.AddAttachments();

        // Last, so that what it registers wins; configuration is read lazily, so what it adds counts too.
        customize?.Invoke(builder);

        // After it, though: which exporters exist is read from configuration now, and it replaces nothing.
        builder.AddTelemetry();

        var app = builder.Build();

        // Invalid configuration or content stops the process here, before it listens.
        _ = app.Services.GetRequiredService<ShippedKnowledgeBase>();
        _ = app.Services.GetRequiredService<ShippedSeasons>();
        _ = app.Services.GetRequiredService<IAssistant>();

        app.UseHosting();
        app.MapHealth();
        app.MapChat();
        app.MapQueue();
        app.MapOperators();
        app.MapAudit();
        app.MapRealtime();
        app.MapTickets();
        app.MapNotifications();
        app.MapKnowledge();
        app.MapReplies();
        app.MapHistory();
        app.MapSatisfaction();
        app.MapPrivacy();
        app.MapReports();
        app.MapBlindSpots();
        app.MapAttachments();
        app.MapTelemetry();
        return app;
    }
}
