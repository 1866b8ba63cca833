using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>The ticket rules the workflow relies on: the SLA policy from configuration and the numbering.</summary>
public static class TicketRulesServices
{
    public static IServiceCollection AddTicketRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SlaOptions>>().Value.ToPolicy());
        services.AddSingleton<TicketCounter>();
        return services;
    }
}
