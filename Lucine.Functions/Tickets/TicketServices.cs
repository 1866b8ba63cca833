using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Notifications;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

public static class TicketServices
{
    /// <summary>Tickets: their rules and SLA, storage, numbering, credentials, the desk, the inbox for providers' messages, the sweep.</summary>
    public static IHostApplicationBuilder AddTickets(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<TicketOptions>(TicketOptions.Section);
        builder.AddSettings<SlaOptions>(SlaOptions.Section);
        builder.AddTimerFunction(TicketSweep.Timer, "*/30 * * * * *");
        var services = builder.Services;
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SlaOptions>>().Value.ToPolicy());
        services.AddSingleton(sp => new TicketRules(
            sp.GetRequiredService<SlaPolicy>(),
            TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<IOptions<SeasonOptions>>().Value.TimeZone))
        {
            AutoCloseAfter = sp.GetRequiredService<IOptions<TicketOptions>>().Value.AutoCloseAfter,
        });
        services.AddAddressPolicy(
            CustomerTicketEndpoints.RateLimitPolicy,
            sp => (sp.GetRequiredService<IOptions<TicketOptions>>().Value.PublicRequestsPerMinute, TimeSpan.FromMinutes(1)),
            Problems.TooManyTicketRequests);
        services.AddSingleton<TicketCounter>();
        services.AddSingleton<TicketStore>();
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<TicketStore>().Partitions);
        services.AddSingleton<TicketIndex>();
        services.AddSingleton<TicketDueIndex>();
        services.AddSingleton<TicketCredentials>();
        services.AddSingleton<TicketAggregate>();
        services.AddSingleton<TicketDesk>();
        services.AddSingleton<ITicketInbox, TicketInbox>();
        services.AddSingleton<TicketSweep>();
        services.AddSingleton<IDecisionObserver, SlaMetrics>();
        services.AddHostedService<TicketSweeper>();
        services.AddEffectHandler<OpenTicket, TicketsFromChats>("ticket");
        services.AddEffectHandler<NotifyCustomer, CustomerNotifications>("notify");
        services.AddEffectHandler<AlertStaff, StaffAlerts>("staff-alert");
        services.AddEffectHandler<TicketChanged, TicketChanges>("changed");
        return builder;
    }

    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder app)
    {
        app.MapOperatorTicketEndpoints();
        app.MapCustomerTicketEndpoints();
        app.MapTimerFunction<TicketSweep>(TicketSweep.Timer, async (sweep, cancellationToken) =>
            (await sweep.RunOnceAsync(cancellationToken)).ToString());
        return app;
    }
}
